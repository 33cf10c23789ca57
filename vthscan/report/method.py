"""The calculation method in plain Dutch, as the report's appendix B and the results page print it."""

from __future__ import annotations

from ..domain.questionnaire import Questionnaire
from .model import MethodSection


def _question_types(questionnaire: Questionnaire) -> list[type]:
    """The question types this questionnaire uses, in the order the method explains them."""
    return sorted({type(question) for _, _, question in questionnaire.questions.values()},
                  key=lambda kind: kind.method_position)


def method_sections(questionnaire: Questionnaire) -> tuple[MethodSection, ...]:
    """The calculation method in plain Dutch, as `vthscan.domain.scoring` applies it."""
    levels = questionnaire.levels
    best, worst = levels[0].label, levels[-1].label
    graded = ", ".join(level.label for level in levels[:-1])
    return (
        MethodSection("Score per vraag", (
            "Elke vraag krijgt een score van 0 tot 100.",
            *(kind.scoring_text for kind in _question_types(questionnaire)),
        )),
        MethodSection("Niet van toepassing, weet niet en open vragen", (
            "Niet van toepassing: de vraag telt niet mee. Het gewicht gaat naar de andere vragen van het "
            "criterium. Er moet een reden bij staan.",
            "Weet niet: de vraag telt mee met score 0. Wie het niet weet, kan het niet aantonen.",
            "Niet beantwoord: de vraag telt (nog) niet mee, net als niet van toepassing. De volledigheid "
            "laat zien hoeveel vragen beantwoord of niet van toepassing zijn (weet niet telt als "
            "beantwoord).",
            "Heeft een criterium of pijler geen enkele vraag die meetelt, dan is het 'niet beoordeeld'. Het "
            "telt dan ook niet mee in de score erboven.",
        )),
        MethodSection("Gewogen gemiddelden", (
            "De score van een criterium is het gewogen gemiddelde van de scores van zijn vragen: elke "
            "score maal het gewicht van de vraag, opgeteld, gedeeld door de som van de gewichten.",
            "De score van een pijler is op dezelfde manier het gewogen gemiddelde van zijn criteria, en de "
            "totaalscore het gewogen gemiddelde van de pijlers. De gewichten staan in de tabellen en in "
            "bijlage A.",
            "Alleen de pijlers voor de soort organisatie (omgevingsdienst, gemeente of provincie) tellen "
            "mee.",
        )),
        MethodSection("Niveaus en drempels", (
            f"De niveaus zijn, van best naar slechtst: {', '.join(level.label for level in levels)}. Elk "
            f"niveau behalve {worst} heeft een drempel: de laagste score waarmee je dat niveau haalt "
            f"({graded}). Een score haalt het beste niveau waarvan de drempel bereikt is; onder alle "
            f"drempels is het niveau {worst}.",
            "De drempels kunnen per pijler en per criterium verschillen. Een normprofiel kan ze aanpassen; "
            "de scores veranderen dan niet, de niveaus, tekorten en acties wel. Bijlage C toont de drempels "
            "die in dit rapport gelden.",
        )),
        MethodSection("Knock-outcriteria", (
            f"Sommige criteria zijn knock-out: ze zijn zo belangrijk dat ze het oordeel begrenzen. Haalt een "
            f"knock-outcriterium {best} niet, dan kan de pijler en het totaal niet beter uitkomen dan het "
            f"niveau van dat criterium. De score zelf verandert daarbij niet.",
        )),
        MethodSection("Tekort", (
            f"Het tekort is het aantal punten dat een score onder de drempel van {best} ligt. Haalt de "
            f"score {best}, dan is er geen tekort.",
        )),
        MethodSection("Volgorde van de acties", (
            f"Elk criterium dat {best} niet haalt, levert zijn verbeteracties uit de vragenlijst. Eerst "
            "komen de acties van knock-outcriteria. Daarna telt het tekort maal het gewicht van het criterium "
            "maal het gewicht van de pijler: hoe groter, hoe eerder. Bij gelijke uitkomst gaat het "
            "criteriumnummer voor; de acties van één criterium houden de volgorde van de vragenlijst.",
            f"Het verwachte effect van een actie noemt het niveau dat het criterium haalt als het tekort "
            f"helemaal is weggewerkt ({best}).",
        )),
    )

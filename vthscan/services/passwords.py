"""Password rules (OWASP ASVS 5.0 6.2): a minimum length, long passphrases allowed, no composition
rules, and an offline list of the most common passwords (no breach service is reachable from here).

Plain Python: no Flask, no database. `services.auth.password_problem` applies it with the configured length.
"""

from __future__ import annotations

MAX_LENGTH = 128  # passphrases of 64 characters and more are welcome

# Whole passwords that appear at the top of published lists of breached passwords (and a few obvious
# Dutch and vthscan-specific ones). Compared in lower case.
COMMON_PASSWORDS = frozenset("""
password 12345678 123456789 1234567890 12345678910 0123456789 qwertyuiop qwertyui iloveyou password1
password12 password123 password1234 passw0rd p@ssw0rd p@ssword 11111111 00000000 88888888 12121212
11223344 12344321 87654321 987654321 123123123 123456123456 112233445566 1234512345 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 1qaz2wsx 1qaz2wsx3edc 1qazxsw2 zaq12wsx
zaq1zaq1 qazwsxedc qweasdzxc 123qweasd 123qweasdzxc qwerty12 qwerty123 qwerty1234 qwer1234 1234qwer
asdf1234 1234asdf asdfasdf asdfghjk asdfghjkl zxcvbnm1 zxcvbnm123 abcd1234 1234abcd abc12345
abc123456 abcdefgh a1234567 a12345678 aa123456 aa12345678 iloveyou1 iloveyou2 sunshine princess
football baseball basketball welcome1 welcome123 superman trustno1 starwars whatever computer
michelle jennifer corvette mercedes changeme letmein1 monkey123 dragon123 master123 admin123
administrator adminadmin login123 secret123 football1 baseball1 sunshine1 princess1 charlie1
jordan23 michael1 shadow12 mustang1 liverpool chelsea1 arsenal1 barcelona pokemon1 minecraft
starwars1 blink182 babygirl iloveu123 lovelove butterfly chocolate cookie123 pepper123 access14
internet samsung1 google123 facebook master12 qwertyqwerty 1q2w3e4r5t6y7u 12qwaszx 123abc123
welkom01 welkom12 welkom123 welkom2024 welkom2025 welkom2026 wachtwoord wachtwoord1 wachtwoord12
wachtwoord123 wachtwoord! geheim123 geheimpje voetbal1 voetbal123 ajax1900 feyenoord feyenoord1
psveindhoven nederland nederland1 amsterdam rotterdam utrecht1 denhaag1 zomer2025 zomer2026
winter2025 winter2026 lente2026 herfst2025 herfst2026 summer2025 summer2026 vthscan1 vthscan123
omgevingsdienst gemeente1 gemeente123 provincie1 handhaving toezicht1 vergunning
ditiseenwachtwoord correcthorsebatterystaple
""".split())

# Words that, followed only by digits and punctuation ("Welkom2026!"), are just as guessable.
COMMON_WORDS = frozenset("""
password passwort wachtwoord welkom welcome geheim secret qwerty azerty admin administrator beheerder
letmein iloveyou vthscan omgevingsdienst gemeente provincie zomer winter lente herfst summer
""".split())


def common_password(password: str, email: str = "") -> bool:
    """True for a password that is on the list, a common word with digits/punctuation added, one
    character repeated, or the user's own e-mail address or its name part."""
    lowered = password.lower().strip()
    stem = lowered.rstrip("0123456789!?.,@#$%&*-_+= ")
    email = email.strip().lower()
    own = {email, email.partition("@")[0]} - {""}
    return (lowered in COMMON_PASSWORDS or stem in COMMON_WORDS or stem in COMMON_PASSWORDS
            or len(set(lowered)) <= 2 or lowered in own or stem in own)

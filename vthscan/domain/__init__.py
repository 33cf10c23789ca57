"""The questionnaire model, its loader and the scoring engine: plain Python, no Flask, no database."""

"""The decision: trait catalogue, scoring, explanation, the questionnaire and answers from files."""

"""What a document needs to be cleaned: the text model, phrases, headline, page kind,
and the run of the rules over it."""

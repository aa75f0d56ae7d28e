"""Inputs read and outputs finished: decoding, HTML extraction, repair and limits, records."""

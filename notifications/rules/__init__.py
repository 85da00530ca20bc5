"""The pure rules of notices: readability (LIX), sanitising, and the shape of a notice's
text. Plain functions on plain values that import no Django app; models, selectors and
services use them."""

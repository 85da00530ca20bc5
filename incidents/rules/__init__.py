"""The case's pure rules: plain functions on plain values that import no Django app (risk,
deadlines). Models, selectors and services use them; they use none of those."""

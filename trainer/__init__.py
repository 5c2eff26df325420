"""Rehearse hard customer-service calls before making them."""

__version__ = "0.1.0"

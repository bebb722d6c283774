"""Writes of the registry. Every change goes through a function here, in one transaction, with
its actor recorded in the change history."""

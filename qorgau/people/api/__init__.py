"""REST API of the registry under /api/v1/: thin views over the gate, selectors and services."""

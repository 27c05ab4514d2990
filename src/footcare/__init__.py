"""footcare: a terminal companion for foot self-massage with peripheral neuropathy."""

__version__ = "0.1.0"

"""footcare: a terminal companion for foot self-massage with peripheral neuropathy."""

__version__ = "0.2.0"

"""The emulator's state, by resource, on one shared ``Account``. No HTTP here.

Import the modules themselves (``state._jobs``); this package re-exports nothing, so that a module
of it can be imported on its own without loading the others.
"""

"""The Qt-free core: catalog, model, index, search and the work that fills them.

Nothing under photoclip.core may import Qt (a test and import-linter enforce it); the GUI
and the CLI are thin layers over it.
"""

"""The ``goldenthread`` command line: thin click commands over the library in ``model`` and ``site_builder``."""

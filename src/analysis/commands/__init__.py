"""One module per subcommand: ``HELP``, ``add_arguments(parser)``, ``run(args) -> int``.

Modules here are thin: they parse files and options and call the pipeline modules of
:mod:`analysis`; heavy imports happen inside ``run`` so that ``qci --help`` stays fast.
"""

"""qci: composite indices of regional development.

The package follows the pipeline, one module per step:
extract → framework → panel → (denominate, impute, screen, treat) → normalise →
weights → aggregate / rank → compare / sensitivity → plots → render.
"""

__version__ = "0.1.0"

"""The portal's settings with the reference pages of reference_urls.py beside its own URLs:
for the benchmarks only (scale_throughput.py --references), never a deployment's."""

from mishima_kyoso.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.reference_urls"

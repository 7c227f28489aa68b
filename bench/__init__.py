"""The benchmark (`make bench`): a large dataset served by gunicorn, measured with wrk."""

"""gunicorn, Avvik's production web server:

    gunicorn -c config/gunicorn.conf.py config.wsgi

Read from the environment (README "Production"): WEB_CONCURRENCY worker processes (default
two per CPU core, plus one), AVVIK_WEB_BIND (default 127.0.0.1:8000: behind the reverse
proxy that terminates HTTPS), AVVIK_WEB_TIMEOUT seconds for one request (default 120: an
attached file is scanned by clamd for up to AVVIK_CLAMD_TIMEOUT, 60 s, and a case export
PDF takes a few seconds). The access log names no one: no query string (searches are in
``?q=``), no address, referrer, browser or user, and the secret of an invitation or a
public notice link is left out of the path (config/gunicorn_logging.py)."""

import multiprocessing
import os

bind = os.environ.get("AVVIK_WEB_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Sync workers: a request is a few queries and a template; a slow client is the proxy's job.
worker_class = "sync"
timeout = int(os.environ.get("AVVIK_WEB_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter, not all at once), so that
# memory a long-lived process gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# Each worker loads the application itself (no preload_app): nothing opened at start-up,
# a database connection above all, is shared across a fork.

accesslog = os.environ.get("AVVIK_WEB_ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
logger_class = "config.gunicorn_logging.AccessLogWithoutPersonalData"
errorlog = "-"
loglevel = os.environ.get("AVVIK_WEB_LOG_LEVEL", "info")

# X-Forwarded-Proto is trusted from the proxy on this machine only (gunicorn's default),
# and Django trusts it only with AVVIK_TRUSTED_PROXY=true.
forwarded_allow_ips = os.environ.get("AVVIK_WEB_PROXY_IPS", "127.0.0.1,::1")

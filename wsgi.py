"""WSGI entry point, e.g. `gunicorn wsgi:app`."""

from vthscan.app import create_app

app = create_app()

# An example with typical findings: try `./kiln lint examples/lint.Dockerfile`
# and `./kiln fix --diff examples/lint.Dockerfile`.
FROM python:3.12

# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y gcc libpq-dev
RUN pip install flask gunicorn==22.0.0

WORKDIR app
COPY . .
RUN chmod 777 /app/data

EXPOSE 8000
CMD gunicorn -b 0.0.0.0:8000 app:app

# banli: the portal built by node, served with the API by Python; non-root, configured by env.
FROM node:20-bookworm-slim AS portal
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    BANLI_SPA_DIR=/app/frontend/dist BANLI_ATTACHMENTS_DIR=/data/attachments \
    DATABASE_URL=sqlite:////data/banli.sqlite3
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY domain ./domain
COPY migrations ./migrations
COPY templates_docx ./templates_docx
RUN pip install --no-cache-dir . && useradd --system --uid 10001 banli \
    && mkdir -p /data && chown banli /data
COPY --from=portal /src/frontend/dist ./frontend/dist
USER banli
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health/ready')" || exit 1
CMD ["sh", "-c", "banli migrate && exec uvicorn api.main:app --host 0.0.0.0 --port 8000 --workers ${WEB_CONCURRENCY:-2} --proxy-headers"]

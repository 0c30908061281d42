"""A bare FastAPI JSON endpoint: the yardstick for bench_api.py's throughput ratio."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/api/v1/health")
def health() -> dict[str, str]:
    return {"status": "ok"}

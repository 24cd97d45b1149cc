"""nginx in front of app processes, run from the repository's own deploy/nginx-claimdesk.conf.

The test starts Debian's nginx as a plain child process (`daemon off`) with every file it
writes (pid, logs, temporary bodies) in a folder of its own; only the ports differ from the
file the README shows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE_CONF = ROOT / "deploy" / "nginx-claimdesk.conf"
README = ROOT / "README.md"
#: The ports the shipped file names, replaced by the test's.
APP_PORTS = (8501, 8502)
LISTEN_PORT = 8080
ROUTE_COOKIE = "claimdesk_route"
UPSTREAM_HEADER = "X-ClaimDesk-Upstream"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
    )


def site_config(listen: int, app_ports: list[int]) -> str:
    """deploy/nginx-claimdesk.conf with the test's ports."""
    text = SITE_CONF.read_text(encoding="utf-8")
    assert len(app_ports) == len(APP_PORTS)
    for shipped, port in zip(APP_PORTS, app_ports, strict=True):
        assert f"server 127.0.0.1:{shipped};" in text
        text = text.replace(f"server 127.0.0.1:{shipped};", f"server 127.0.0.1:{port};")
    assert f"listen {LISTEN_PORT};" in text
    return text.replace(f"listen {LISTEN_PORT};", f"listen 127.0.0.1:{listen};")


def main_config(folder: Path) -> str:
    """The nginx.conf around the site: everything nginx writes stays in `folder`."""
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # as root, nginx's workers would drop to `nobody`, who cannot enter pytest's 0700 folders
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 512; }\n"
        "http {\n"
        f"    access_log {folder / 'access.log'};\n{temp}\n"
        f"    include {folder / 'claimdesk.conf'};\n"
        "}\n"
    )


@dataclass
class Proxy:
    base: str
    process: subprocess.Popen
    folder: Path

    def upstream_for(self, route: str) -> str:
        """The app process (host:port) nginx sends a browser with this route cookie to."""
        req = urllib.request.Request(
            f"{self.base}/_stcore/health", headers={"Cookie": f"{ROUTE_COOKIE}={route}"}
        )
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.headers[UPSTREAM_HEADER]

    def routes_to_each(self, app_ports: list[int]) -> dict[int, str]:
        """A route cookie value per app port (found by asking nginx)."""
        found: dict[int, str] = {}
        for i in range(200):
            route = f"reviewer-{i}"
            port = int(self.upstream_for(route).rsplit(":", 1)[1])
            found.setdefault(port, route)
            if set(found) == set(app_ports):
                return found
        raise AssertionError(f"nginx sent 200 routes only to {sorted(found)}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def access_log(self) -> str:
        return (self.folder / "access.log").read_text(encoding="utf-8", errors="replace")

    def log(self) -> str:
        return (self.folder / "error.log").read_text(encoding="utf-8", errors="replace")


def start_nginx(binary: str, folder: Path, listen: int, app_ports: list[int]) -> Proxy:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claimdesk.conf").write_text(site_config(listen, app_ports), encoding="utf-8")
    (folder / "nginx.conf").write_text(main_config(folder), encoding="utf-8")
    cmd = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    cmd += ["-e", str(folder / "error.log"), "-g", "daemon off;"]
    check = subprocess.run([*cmd, "-t"], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    proxy = Proxy(f"http://127.0.0.1:{listen}", proc, folder)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited with {proc.returncode}:\n{proxy.log()}")
        try:
            with urllib.request.urlopen(f"{proxy.base}/_stcore/health", timeout=2):
                return proxy
        except OSError:
            time.sleep(0.2)
    proxy.stop()
    raise TimeoutError(f"nginx did not answer on {proxy.base}:\n{proxy.log()}")

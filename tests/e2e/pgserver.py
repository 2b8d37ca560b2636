"""pgserver.py: a real PostgreSQL server for the fleet tests, started by the test itself:
initdb + pg_ctl in a temporary directory, listening only on a unix socket in that directory (no
TCP port), run as `nobody` when the tests run as root (PostgreSQL refuses root). stop() stops
it and removes the directory; tests call it through addCleanup."""
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile


def bindir():
    """The newest installed server's bin directory (Debian: /usr/lib/postgresql/N/bin), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(found[-1]) if found else None


class PgServer:
    def __init__(self, tcp=False, durable=False):
        """tcp: also listen on 127.0.0.1 on a free port, where the role `kiosk` must give a
        password (scram-sha-256); the unix socket stays trust for the superuser qb. durable: fsync
        as a production server does (the benchmarks); else off (the tests: faster)."""
        self.durable = durable
        self.bin = bindir()
        if not self.bin:
            raise RuntimeError("no PostgreSQL server: run sh packaging/deps.sh test (Debian: postgresql)")
        self.base = tempfile.mkdtemp(prefix="qb-pg-")
        self.data = os.path.join(self.base, "data")
        self.sock = self.base
        self.log = os.path.join(self.base, "server.log")
        self.prefix = []
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.base, nobody.pw_uid, nobody.pw_gid)
            os.chmod(self.base, 0o755)
            self.prefix = ["setpriv", "--reuid=%d" % nobody.pw_uid, "--regid=%d" % nobody.pw_gid,
                           "--clear-groups", "--"]
        self.running = False
        self._as_owner([os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "qb", "--auth=trust",
                        "--no-sync", "-E", "UTF8", "--locale=C"])
        self.port = None
        if tcp:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
            hba = os.path.join(self.data, "pg_hba.conf")
            with open(hba, encoding="utf-8") as f:
                rules = f.read()
            # first match wins: the kiosk role over TCP needs its password
            with open(hba, "w", encoding="utf-8") as f:
                f.write("host all kiosk 127.0.0.1/32 scram-sha-256\n" + rules)

    def _as_owner(self, cmd):
        p = subprocess.run(self.prefix + cmd, capture_output=True, text=True, timeout=120, cwd=self.base)
        if p.returncode != 0:
            raise RuntimeError("%s failed: %s%s" % (cmd[0], p.stdout, p.stderr))
        return p

    def start(self):
        listen = "-c listen_addresses='127.0.0.1' -p %d" % self.port if self.port else "-c listen_addresses=''"
        self._as_owner([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.log, "-w", "-o",
                        "-k %s %s %s-c maintenance_work_mem=128MB -c max_connections=200" % (
                            self.sock, listen, "" if self.durable else "-c fsync=off -c full_page_writes=off "),
                        "start"])
        self.running = True

    def stop(self, mode="fast"):
        if self.running:
            self._as_owner([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop"])
            self.running = False

    def destroy(self):
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self):
        """A libpq connection string to the server's postgres database as its superuser qb."""
        return "host=%s%s user=qb dbname=postgres" % (self.sock, " port=%d" % self.port if self.port else "")

    def tcp_url(self, user="kiosk"):
        """Over 127.0.0.1 (a server made with tcp=True), as user (password from PGPASSFILE)."""
        return "host=127.0.0.1 port=%d user=%s dbname=postgres" % (self.port, user)

    def sql(self, query, timeout=60):
        """Runs a query with psql; returns its rows as lists of strings (tab-separated output)."""
        p = subprocess.run([os.path.join(self.bin, "psql"), "-X", "-q", "-A", "-t", "-F", "\t", "-v",
                            "ON_ERROR_STOP=1", "-c", query, self.url()], capture_output=True, text=True, timeout=timeout)
        if p.returncode != 0:
            raise RuntimeError("psql: " + p.stderr)
        return [line.split("\t") for line in p.stdout.splitlines() if line]

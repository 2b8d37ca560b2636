"""pgserver.py: a real PostgreSQL server for the fleet tests, started by the test itself:
initdb + pg_ctl in a temporary directory, listening only on a unix socket in that directory (no
TCP port), run as `nobody` when the tests run as root (PostgreSQL refuses root). stop() stops
it and removes the directory; tests call it through addCleanup."""
import glob
import os
import pwd
import shutil
import subprocess
import tempfile


def bindir():
    """The newest installed server's bin directory (Debian: /usr/lib/postgresql/N/bin), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(found[-1]) if found else None


class PgServer:
    def __init__(self):
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

    def _as_owner(self, cmd):
        p = subprocess.run(self.prefix + cmd, capture_output=True, text=True, timeout=120, cwd=self.base)
        if p.returncode != 0:
            raise RuntimeError("%s failed: %s%s" % (cmd[0], p.stdout, p.stderr))
        return p

    def start(self):
        self._as_owner([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.log, "-w", "-o",
                        "-k %s -c listen_addresses='' -c fsync=off -c max_connections=100" % self.sock, "start"])
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
        return "host=%s user=qb dbname=postgres" % self.sock

    def sql(self, query):
        """Runs a query with psql; returns its rows as lists of strings (tab-separated output)."""
        p = subprocess.run([os.path.join(self.bin, "psql"), "-X", "-q", "-A", "-t", "-F", "\t", "-v",
                            "ON_ERROR_STOP=1", "-c", query, self.url()], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise RuntimeError("psql: " + p.stderr)
        return [line.split("\t") for line in p.stdout.splitlines() if line]

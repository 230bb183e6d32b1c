"""The load scenario of `make bench` (bench/bench_load.py runs it headless; see there).

Mixed roles as at a reporting deadline, each simulated user with its persona's session
(bench_load signs the personas in once and passes the session keys in BENCH_SESSIONS, so
password hashing is not what is measured):

- coordinators (兵团/自治区 level): the home dashboard, the two-80% table, fund statistics,
  the pairings overview, a filtered project list;
- headquarters of an aiding party: dashboard, two-80% table, their list filtered by year;
- work groups: their project list (page 1 and further pages), a project's page, its edit
  form, an edit through the API (PATCH with the version read just before), the import page
  and now and then an import file of 20 rows (its preview task; never confirmed, so the
  national database keeps its size);
- recipients (受援地): their project list and a project's page, the home page.

Requests are named by page kind; the statistics of each kind are the figures. Only a
loopback host is accepted.
"""

from __future__ import annotations

import ipaddress
import json
import os
import random
import re
from urllib.parse import urlsplit

from locust import FastHttpUser, between, events, task

SESSIONS = json.loads(os.environ.get("BENCH_SESSIONS", "{}"))
THINK = (
    float(os.environ.get("BENCH_THINK_MIN", "5")),
    float(os.environ.get("BENCH_THINK_MAX", "15")),
)


@events.init.add_listener
def _loopback_only(environment, **kwargs):
    host = urlsplit(environment.host or "").hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"bench/locustfile.py sends load to loopback addresses only, not {host!r}")


def _ok(response, *allowed: int) -> None:
    """A 5xx or an unexpected status is an error; a refused edit (409, or 400 for a stale
    version) is an answer."""
    if response.status_code in (200, *allowed):
        response.success()
    else:
        response.failure(f"status {response.status_code}")


class Persona(FastHttpUser):
    abstract = True
    wait_time = between(*THINK)
    username = ""
    project_ids: list[int]

    def on_start(self) -> None:
        session = SESSIONS.get(self.username)
        if not session:
            raise SystemExit(f"no session for {self.username} in BENCH_SESSIONS")
        self.cookie = f"sessionid={session}"
        self.project_ids = []
        with self.get("/api/v1/projects/", "api.list") as response:
            if response.status_code == 200:
                self.project_ids = [p["id"] for p in response.json()["results"]]

    def get(self, url: str, name: str, *allowed: int):
        return self.client.get(
            url,
            name=name,
            headers={"Cookie": self.cookie},
            catch_response=True,
            allow_redirects=False,
        )

    def page(self, url: str, name: str, *allowed: int) -> None:
        with self.get(url, name) as response:
            _ok(response, *allowed)

    def project(self) -> int | None:
        return random.choice(self.project_ids) if self.project_ids else None


class Coordinator(Persona):
    weight = 2
    username = "coordinator"

    @task(3)
    def dashboard(self):
        self.page("/", "dashboard")

    @task(3)
    def two_80(self):
        self.page("/compliance/", "compliance")

    @task(2)
    def statistics(self):
        self.page("/funds/statistics/", "statistics")

    @task(1)
    def pairings(self):
        self.page("/pairings/", "pairings")

    @task(2)
    def projects(self):
        year = random.choice([2021, 2022, 2023, 2024])
        self.page(f"/projects/?year={year}&category=jiaoyu", "list")


class Headquarters(Persona):
    weight = 2
    username = "hq_jiangsu"

    @task(2)
    def dashboard(self):
        self.page("/", "dashboard")

    @task(2)
    def two_80(self):
        self.page("/compliance/", "compliance")

    @task(3)
    def projects(self):
        self.page(f"/projects/?year={random.choice([2022, 2023, 2024])}", "list")

    @task(2)
    def detail(self):
        if pk := self.project():
            self.page(f"/projects/{pk}/", "detail")


class WorkGroup(Persona):
    weight = 4
    username = "wg_jiangsu_yining"
    csrf = ""

    edit_ids: list[int]

    def on_start(self) -> None:
        super().on_start()
        # Projects this work group may edit: its party's, in its county, under construction.
        self.edit_ids = []
        with self.get(
            "/api/v1/projects/?party=320000&place=654021&status=building", "api.list"
        ) as response:
            _ok(response)
            if response.status_code == 200:
                self.edit_ids = [p["id"] for p in response.json()["results"]]
        # The CSRF cookie and token a form would send.
        with self.get("/projects/import/", "import.page") as response:
            _ok(response)
            match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text or "")
            cookie = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", ""))
            self.csrf = match.group(1) if match else ""
            if cookie:
                self.cookie += f"; csrftoken={cookie.group(1)}"

    @task(4)
    def projects(self):
        self.page("/projects/", "list")

    @task(2)
    def later_page(self):
        self.page(f"/projects/?page={random.randint(2, 20)}", "list")

    @task(3)
    def detail(self):
        if pk := self.project():
            self.page(f"/projects/{pk}/", "detail")

    def editable(self) -> int | None:
        return random.choice(self.edit_ids) if self.edit_ids else None

    @task(1)
    def edit_form(self):
        if pk := self.editable():
            self.page(f"/projects/{pk}/edit/", "edit.form")

    @task(2)
    def edit(self):
        pk = self.editable()
        if pk is None:
            return
        with self.get(f"/api/v1/projects/{pk}/", "api.detail") as response:
            _ok(response)
            if response.status_code != 200:
                return
            version = response.json()["version"]
        with self.client.patch(
            f"/api/v1/projects/{pk}/",
            name="api.edit",
            json={"version": version, "description": f"负载测试 {random.randint(1, 10**6)}"},
            headers={
                "Cookie": self.cookie,
                "X-CSRFToken": self.csrf,
                "Referer": f"{self.host}/projects/{pk}/",
            },
            catch_response=True,
        ) as response:
            if response.status_code == 400 and '"version"' in (response.text or ""):
                # Another simulated user saved it first: the stale-version refusal, an answer.
                response.success()
            else:
                _ok(response, 409)

    @task(1)
    def import_page(self):
        self.page("/projects/import/", "import.page")

    @task(1)
    def import_file(self):
        header = "code,name,aiding_party,place,category,plan_year,budget_aid"
        tag = random.randint(0, 10**9)
        rows = [f"LOAD-{tag}-{i},伊宁县幼儿园,江苏省,654021,教育,2025,1200000" for i in range(20)]
        body = ("\n".join([header, *rows]) + "\n").encode()
        boundary = f"----bench{tag}"
        disposition = "Content-Disposition: form-data; name="
        data = (
            (
                f'--{boundary}\r\n{disposition}"csrfmiddlewaretoken"\r\n\r\n{self.csrf}\r\n'
                f'--{boundary}\r\n{disposition}"file"; filename="load.csv"\r\n'
                "Content-Type: text/csv\r\n\r\n"
            ).encode()
            + body
            + f"\r\n--{boundary}--\r\n".encode()
        )
        with self.client.post(
            "/projects/import/",
            name="import.upload",
            data=data,
            headers={
                "Cookie": self.cookie,
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": f"{self.host}/projects/import/",
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302 and "/tasks/" in response.headers.get("Location", ""):
                response.success()
                task_url = response.headers["Location"]
            else:
                response.failure(f"status {response.status_code}")
                return
        self.page(task_url, "task.page")


class Recipient(Persona):
    weight = 2
    username = "recipient_yining"

    @task(3)
    def projects(self):
        self.page("/projects/", "list")

    @task(3)
    def detail(self):
        if pk := self.project():
            self.page(f"/projects/{pk}/", "detail")

    @task(1)
    def home(self):
        self.page("/", "dashboard")

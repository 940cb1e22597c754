"""Engine labs get a socket of their own: what they create is labelled, only that is removed.

In-process tests drive ``engine_lab.LabSocket`` as a lab would (SDK, raw HTTP, docker CLI);
nested sessions run real engine labs of a fixture tree while a maintainer works by hand.
"""

import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import uuid

import docker
import docker.errors
import pytest

from labrunner import engine, engine_lab, images, inventory
from runner.conftest import REPO_ROOT
from stress.test_faults import wait_for

pytestmark = pytest.mark.labs  # they need an engine, like the labs

IMAGE = "docker-en-pratique/debian-base:latest"
DOCKER_CLI = "/usr/bin/docker"


@pytest.fixture
def lab_socket():
    images.ensure("debian-base")  # built once, as for the labs
    labels = {inventory.LAB_LABEL: f"proxy-test/{uuid.uuid4().hex[:8]}"}
    with engine_lab.LabSocket(engine.client().api, labels) as lab_socket:
        try:
            yield lab_socket
        finally:
            lab_socket.remove_leftovers()


def labelled(labels: dict | None, lab_socket) -> bool:
    return all((labels or {}).get(k) == v for k, v in lab_socket.labels.items())


def engine_name(lab_socket, name: str) -> str:
    """The engine's name for a name the lab gave (engine_names: unique to the lab's run)."""
    return lab_socket.handler.names.private(name)


def unix_http(path: str) -> http.client.HTTPConnection:
    connection = http.client.HTTPConnection("localhost", timeout=30)
    connection.sock = socket.socket(socket.AF_UNIX)
    connection.sock.connect(path)
    return connection


def test_what_a_lab_creates_carries_its_label_and_is_removed_after(lab_socket):
    name = f"proxy-{uuid.uuid4().hex[:8]}"
    lab = docker.DockerClient(base_url=f"unix://{lab_socket.path}", version="1.41")
    api = engine.client().api
    container = lab.containers.create(IMAGE, "true", name=f"{name}-c", network_mode="none", labels={"own": "kept"})
    lab.volumes.create(f"{name}-v")
    dockerfile = io.BytesIO(f"FROM {IMAGE}\nLABEL from.dockerfile=yes\n".encode())
    image, _ = lab.images.build(fileobj=dockerfile, tag=f"{name}/img:1", labels={"from.build": "yes"},
                                network_mode="none", rm=True)
    inspected = api.inspect_container(container.id)["Config"]["Labels"]
    assert labelled(inspected, lab_socket) and inspected["own"] == "kept", inspected
    assert labelled(api.inspect_volume(engine_name(lab_socket, f"{name}-v"))["Labels"], lab_socket)
    image_labels = api.inspect_image(image.id)["Config"]["Labels"]
    assert labelled(image_labels, lab_socket), image_labels
    assert image_labels["from.build"] == image_labels["from.dockerfile"] == "yes"  # the lab's own labels are kept
    left = lab_socket.remove_leftovers()
    assert left == [f"container {name}-c", f"volume {name}-v", f"image {name}/img:1"], left
    with pytest.raises(docker.errors.NotFound):
        api.inspect_volume(engine_name(lab_socket, f"{name}-v"))
    with pytest.raises(docker.errors.NotFound):
        api.inspect_image(image.id)


def test_two_requests_on_one_kept_alive_connection_are_both_labelled(lab_socket):
    names = [f"proxy-keepalive-{uuid.uuid4().hex[:8]}-{n}" for n in (1, 2)]
    connection = unix_http(lab_socket.path)
    first_socket = connection.sock
    connection.request("POST", "/v1.41/volumes/create", body=json.dumps({"Name": names[0]}),
                       headers={"Content-Type": "application/json"})
    first = connection.getresponse()
    assert first.status == 201 and json.loads(first.read())["Name"] == names[0]
    # The second one chunked: its body is read whole, relabelled and sent with a new length.
    connection.request("POST", "/volumes/create", body=iter([json.dumps({"Name": names[1]}).encode()]),
                       headers={"Content-Type": "application/json"}, encode_chunked=True)
    second = connection.getresponse()
    assert second.status == 201 and json.loads(second.read())["Name"] == names[1]
    assert connection.sock is first_socket, "the proxy closed the kept-alive connection"
    for name in names:
        assert labelled(engine.client().api.inspect_volume(engine_name(lab_socket, name))["Labels"], lab_socket), name
    connection.close()


def cli(lab_socket, *args, stdin: str | None = None) -> str:
    done = subprocess.run([DOCKER_CLI, "--host", f"unix://{lab_socket.path}", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_attach_and_exec_streams_flow_both_ways(lab_socket):
    text = "bonjour\nau revoir\n"
    assert cli(lab_socket, "run", "--rm", "-i", "--network", "none", IMAGE, "cat", stdin=text) == text
    ident = cli(lab_socket, "run", "--detach", "--network", "none", IMAGE, "sleep", "60").strip()
    assert cli(lab_socket, "exec", "-i", ident, "tr", "a-z", "A-Z", stdin=text) == text.upper()
    # Not removed by the "lab": a leftover, named and removed.
    name = engine.client().api.inspect_container(ident)["Name"].lstrip("/")
    assert lab_socket.remove_leftovers() == [f"container {name}"]


def test_volumes_the_engine_makes_for_a_container_are_the_lab_s(lab_socket):
    named = f"proxy-implicit-{uuid.uuid4().hex[:8]}"
    ident = cli(lab_socket, "create", "--network", "none", "--volume", f"{named}:/srv", "--volume", "/data",
                IMAGE, "true").strip()
    api = engine.client().api
    assert labelled(api.inspect_volume(engine_name(lab_socket, named))["Labels"], lab_socket)  # created labelled, first
    anonymous = [m["Name"] for m in api.inspect_container(ident)["Mounts"] if m["Destination"] == "/data"]
    api.remove_container(ident)  # without its volumes: the anonymous one stays, unlabelled
    left = lab_socket.remove_leftovers()
    assert sorted(left) == sorted([f"volume {named}", f"volume {anonymous[0]}"]), left


def test_the_engine_socket_named_in_a_lab_s_request_is_the_lab_s_own(lab_socket):
    ident = cli(lab_socket, "create", "--network", "none", "--volume", "/var/run/docker.sock:/var/run/docker.sock",
                IMAGE, "true").strip()
    binds = engine.client().api.inspect_container(ident)["HostConfig"]["Binds"]
    assert binds == [f"{lab_socket.path}:/var/run/docker.sock"]


# Nested sessions: real engine labs of a fixture tree.

def write_engine_lab(tree, name: str, script: str, output: str):
    folder = tree.chapter / name
    folder.mkdir()
    (folder / "lab.toml").write_text('image = "lab-tools"\nengine = true\n')
    (folder / "lab.sh").write_text(script)
    (folder / "output.txt").write_text(output)
    return folder


def test_a_container_made_by_hand_during_an_engine_lab_is_neither_removed_nor_blamed(tree):
    folder = write_engine_lab(tree, "08-waits", "sleep 4\necho fini\n", "fini\n")
    session_label = f"{inventory.LAB_LABEL}=part/chapter/08-waits"
    api = engine.client().api
    proc = subprocess.Popen(tree.pytest_command(str(folder)), cwd=tree.root.parent, env=tree.env(),
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    by_hand = f"proxy-by-hand-{uuid.uuid4().hex[:8]}"
    try:
        assert wait_for(lambda: api.containers(filters={"label": session_label})), "the lab never started"
        api.create_container(IMAGE, "true", name=by_hand, network_disabled=True)
        output = proc.communicate(timeout=120)[0]
        assert re.search(r"^=+ 1 passed in ", output, re.MULTILINE), output
        assert by_hand not in output.split("engine inventory")[0], output  # not blamed on the lab
        assert api.containers(all=True, filters={"name": by_hand}), "the maintainer's container was removed"
        # The session's own inventory may name it, never remove it.
        assert f"LEFT by this session's labs (now removed): container {by_hand}" not in output
    finally:
        proc.kill()
        try:
            api.remove_container(by_hand, force=True)
        except docker.errors.NotFound:
            pass


def test_an_engine_lab_leaving_a_volume_a_container_and_an_image_fails_naming_them_and_they_are_removed(tree):
    volume = f"proxy-left-{uuid.uuid4().hex[:8]}"
    image = f"{volume}/built:1"  # by BuildKit (lab-tools' CLI): unlabelled, known by the name it exports
    script = (f"docker volume create {volume} > /dev/null\n"
              f"docker run --detach --network none {IMAGE} sleep 60 > /dev/null\n"
              f"printf 'FROM {IMAGE}\\nLABEL built=here\\n' > /tmp/Dockerfile\n"
              f"docker build --quiet --network none --tag {image} /tmp > /dev/null\necho fini\n")
    folder = write_engine_lab(tree, "08-leaves", script, "fini\n")
    session = tree.pytest(str(folder))
    assert re.search(r"^=+ 1 failed in ", session.output, re.MULTILINE), session.output
    line = re.search(r"left on the engine \(now removed; the lab must clean up\): (.*)", session.output)
    assert line and re.fullmatch(rf"container \w+, volume {volume}, image {image}", line.group(1)), session.output
    api = engine.client().api
    assert not any(v["Name"].startswith(volume) for v in api.volumes().get("Volumes") or [])
    assert not api.containers(all=True, filters={"label": f"{inventory.LAB_LABEL}=part/chapter/08-leaves"})
    assert not api.images(name=image)


def test_what_the_engine_lab_of_a_killed_session_made_is_swept_by_the_next(tree):
    volume = f"proxy-killed-{uuid.uuid4().hex[:8]}"
    folder = write_engine_lab(tree, "08-killed", f"docker volume create {volume} > /dev/null\nsleep 60\n", "")
    api = engine.client().api
    proc = subprocess.Popen(tree.pytest_command(str(folder)), cwd=tree.root.parent, env=tree.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: api.volumes(filters={"name": volume}).get("Volumes")), "the lab never made its volume"
        os.kill(proc.pid, signal.SIGKILL)  # no cleanup can run: the volume stays, labelled with its owner
        proc.wait(timeout=30)
        session = tree.pytest(str(tree.chapter / "01-hello"))
        assert f"volume {volume} (lab part/chapter/08-killed), left by process {proc.pid}" in session.output, session.output
        assert not api.volumes(filters={"name": volume}).get("Volumes")
    finally:
        proc.kill()
        for c in api.containers(all=True, filters={"label": f"{inventory.LAB_LABEL}=part/chapter/08-killed"}):
            api.remove_container(c["Id"], force=True)
        try:
            api.remove_volume(volume, force=True)
        except docker.errors.NotFound:
            pass


def test_a_failed_image_build_removes_what_it_made_and_nothing_made_by_hand(tmp_path, monkeypatch):
    root = tmp_path / "images"
    shutil.copytree(REPO_ROOT / "conf" / "images" / "debian-base", root / "debian-base")
    (root / "proxy-broken").mkdir()
    (root / "proxy-broken" / "Dockerfile").write_text(
        f"ARG BASE=debian-base\nFROM ${{BASE}}\nRUN echo {uuid.uuid4().hex} > /step\nRUN false\n")
    monkeypatch.setenv("LABRUNNER_IMAGES_ROOT", str(root))
    monkeypatch.setenv("LABRUNNER_BUILD_DIR", str(tmp_path / "_build"))
    api, by_hand, lines = engine.client().api, f"proxy-by-hand-{uuid.uuid4().hex[:8]}", []

    def progress(line: str) -> None:
        if not lines:  # a maintainer creates a container while the build runs
            api.create_container(IMAGE, "true", name=by_hand, network_disabled=True)
        lines.append(line)

    images_before = {i["Id"].removeprefix("sha256:")[:12] for i in api.images(all=True)}
    try:
        with pytest.raises(images.ImageError):
            images.ensure("proxy-broken", progress=progress)
        printed = [line.split("] ", 1)[-1] for line in lines]  # progress lines are "[image <name>] <line>"
        step_images = [m.group(1) for m in map(images.BUILD_STEP_ID.match, printed)
                       if m and "Running" not in m.group(0) and m.group(1) not in images_before]  # not FROM's
        assert step_images, lines  # the first RUN made an image: the failed build must remove it
        for ident in step_images:
            with pytest.raises(docker.errors.NotFound):
                api.inspect_image(ident)
        assert api.containers(all=True, filters={"name": by_hand}), "the maintainer's container was removed"
    finally:
        try:
            api.remove_container(by_hand, force=True)
        except docker.errors.NotFound:
            pass


def test_names_a_lab_gives_are_unique_to_its_run_and_read_back_plain(lab_socket):
    name = f"proxy-named-{uuid.uuid4().hex[:8]}"
    other_run = engine_lab.LabSocket(engine.client().api, {inventory.LAB_LABEL: "proxy-test/other"})
    with other_run:  # a second session running the same lab at the same time
        for each in (lab_socket, other_run):
            assert cli(each, "volume", "create", name).strip() == name
            assert cli(each, "run", "--name", name, "--network", "none", "--volume", f"{name}:/srv", IMAGE,
                       "sh", "-c", "echo $$ > /srv/mine").strip() == ""
            assert cli(each, "volume", "ls", "--quiet").split() == [name]
            assert cli(each, "inspect", "--format", "{{.Name}}", name).strip() == f"/{name}"
        engine_names = {lab_socket.handler.names.private(name), other_run.handler.names.private(name)}
        assert len(engine_names) == 2 and all(n.startswith(name + "_r") for n in engine_names)
        assert sorted(other_run.remove_leftovers()) == [f"container {name}", f"volume {name}"]
    assert sorted(lab_socket.remove_leftovers()) == [f"container {name}", f"volume {name}"]

"""The Kubernetes manifest of chapter 2.05: valid against the Kubernetes schemas (offline,
with kubernetes-validate), and persistence and network wired as objects of their own."""

import kubernetes_validate
import pytest
import yaml

from chapters import chapter_of

CHAPTER = chapter_of(__file__)
MANIFEST = "22-kubernetes-manifest/app.yaml"


def objects():
    documents = yaml.safe_load_all(CHAPTER.artifact(MANIFEST).read_text(encoding="utf-8"))
    return {document["kind"]: document for document in documents if document}


@pytest.mark.parametrize("kind", ["PersistentVolumeClaim", "Deployment", "Service"])
def test_each_object_is_valid_for_kubernetes(kind):
    version = kubernetes_validate.latest_version()
    kubernetes_validate.validate(objects()[kind], version, strict=True)


def test_the_pod_keeps_its_data_in_the_claim():
    manifest = objects()
    pod = manifest["Deployment"]["spec"]["template"]["spec"]
    claims = {v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"] if "persistentVolumeClaim" in v}
    assert manifest["PersistentVolumeClaim"]["metadata"]["name"] in claims
    mounted = {m["name"] for c in pod["containers"] for m in c.get("volumeMounts", [])}
    assert {v["name"] for v in pod["volumes"]} <= mounted, "a declared volume is never mounted"


def test_the_service_reaches_the_pods_port():
    manifest = objects()
    template = manifest["Deployment"]["spec"]["template"]
    service = manifest["Service"]["spec"]
    assert service["selector"].items() <= template["metadata"]["labels"].items()
    ports = {p.get("name") for c in template["spec"]["containers"] for p in c.get("ports", [])}
    assert all(p["targetPort"] in ports for p in service["ports"])

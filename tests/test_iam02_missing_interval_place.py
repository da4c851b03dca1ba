"""IAM-02's finding on a machine credential with no rotation interval is placed as its other
findings on a missing field are (a person's account without MFA): about the field to write
(rotation_days, which its fingerprint follows), shown at the identity's id, since the field is
not there to point at; the last rotation it also lacks is a finding of its own."""

from __future__ import annotations

import json

from one_file import doc, repo

SUPPLIER = doc("Supplier", "acme", "name: Acme\ntier: 1\n")
ACCESS = (
    "access_level: {level}\ndisable_procedure: https://x.example/p\ntime_to_disable_minutes: 10\n"
)


def iam02(cli, write, body: str) -> list[dict]:
    path = write("repo/a.yaml", repo(SUPPLIER, doc("Identity", "acme-id", body)))
    result = cli("check", str(path.parent), "--select", "IAM-02", "--format", "json")
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "IAM-02"]


def test_no_rotation_interval_is_placed_like_no_mfa(cli, write) -> None:
    machine = "supplier: acme\ntype: sftp_user\n" + ACCESS.format(level="write")
    found = {f["json_path"]: f for f in iam02(cli, write, machine)}
    assert set(found) == {"rotation_days", "last_rotated"}
    interval = found["rotation_days"]
    assert "no rotation interval" in interval["message"]
    # the identity's id: line 3 of its document, which starts on line 7 of the file
    assert (interval["line"], interval["column"]) == (9, 5)
    person = "supplier: acme\ntype: human_account\n" + ACCESS.format(level="privileged")
    (mfa,) = iam02(cli, write, person)
    assert mfa["json_path"] == "mfa" and (mfa["line"], mfa["column"]) == (9, 5)

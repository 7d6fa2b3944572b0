"""`make lint`'s vulnerability audit: pip-audit over the locked requirements, and a clear word when it could
not look.

pip-audit asks a vulnerability service (PyPI's JSON API by default, or OSV) about every pinned package. When
the service cannot be reached, pip-audit skips the packages and still says "No known vulnerabilities found":
this script counts the skipped packages and says so in one line instead of passing silently.

Exit status: 1 when a vulnerability is known; 1 when nothing could be checked and AUDIT_REQUIRED=1 (set it
where the service is reachable, e.g. in CI with internet); else 0, with the warning printed.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ["requirements.lock", "requirements-dev.lock"]


def main() -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        args = [str(pip_audit), "--no-deps", "--disable-pip", "--progress-spinner", "off", "--timeout", "10"]
        for lock in LOCKS:
            args += ["-r", str(ROOT / lock)]
        args += ["-f", "json", "-o", str(report)]
        service = os.environ.get("AUDIT_SERVICE")  # "osv" or "pypi" (pip-audit's default)
        if service:
            args += ["-s", service]
        run = subprocess.run(args, capture_output=True, text=True, timeout=600)
        body = json.loads(report.read_text()) if report.exists() and report.stat().st_size else None
    required = os.environ.get("AUDIT_REQUIRED", "").lower() in {"1", "true", "yes"}
    if body is None:
        last = (run.stderr.strip().splitlines() or ["(no output)"])[-1]
        print(f"pip-audit: KHÔNG kiểm tra được lỗ hổng (dịch vụ không trả lời): {last}")
        return 1 if required else 0
    packages = body.get("dependencies", [])
    vulnerable = [p for p in packages if p.get("vulns")]
    skipped = [p for p in packages if p.get("skip_reason")]
    for package in vulnerable:
        ids = ", ".join(v["id"] for v in package["vulns"])
        print(f"pip-audit: {package['name']} {package['version']}: {ids}")
    if vulnerable:
        print(f"pip-audit: {len(vulnerable)} gói có lỗ hổng đã biết; nâng phiên bản trong file khóa.")
        return 1
    checked = len(packages) - len(skipped)
    if skipped:
        print(
            f"pip-audit: CẢNH BÁO: chỉ kiểm tra được {checked}/{len(packages)} gói; {len(skipped)} gói bị bỏ qua "
            f"(dịch vụ tra lỗ hổng không truy cập được?), ví dụ: {skipped[0]['skip_reason']}"
        )
        return 1 if required else 0
    print(f"pip-audit: {checked} gói đã kiểm tra, không có lỗ hổng đã biết.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

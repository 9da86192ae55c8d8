# How a portal signs an embed URL for an audience (README "Governance"), in Python 3.
# The key is the server's LAKEHOUSE_SIGNING_KEYS entry; it stays on the portal's server.
import hashlib
import hmac
import time
from urllib.parse import urlencode


def signed_embed_url(base, key, audience, parameters=None, ttl_seconds=300):
    parameters = parameters or {}
    expires = int(time.time()) + ttl_seconds
    lines = ["v1", audience, str(expires)] + [f"{n}={parameters[n]}" for n in sorted(parameters)]
    message = ("\n".join(lines) + "\n").encode("utf-8")
    sig = hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()
    query = {"embed": "dashboard", "audience": audience, "exp": str(expires)}
    query.update({f"p.{n}": v for n, v in parameters.items()})
    query["sig"] = sig
    return f"{base}/?{urlencode(query)}"


if __name__ == "__main__":
    import json
    import sys

    # For the tests: python3 sign_extract.py BASE KEY AUDIENCE '{"seller": "…"}' TTL
    base, key, audience, params, ttl = sys.argv[1:6]
    print(signed_embed_url(base, key, audience, json.loads(params), int(ttl)))

"""Password hashing (scrypt: memory-hard, in the standard library) and the password policy."""

import hashlib
import hmac
import secrets
import string

from models.core.errors import ValidationError

# 2**15 × 8 × 128 bytes = 32 MiB per hash; about 0.1 s on a 2-core office machine.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1


def hash_password(password: str) -> str:
    """A self-describing hash: `scrypt$N$r$p$salt$digest` (so the cost can rise later without breaking logins)."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, bytes.fromhex(digest))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=n * r * 128 * 2 + 1024 * 1024, dklen=32
    )


CLASSES = (
    ("大写字母", set(string.ascii_uppercase)),
    ("小写字母", set(string.ascii_lowercase)),
    ("数字", set(string.digits)),
)


def check_policy(password: str, min_length: int, min_classes: int, username: str = "") -> None:
    """Raise ValidationError saying what the password lacks."""
    if not password:
        raise ValidationError("password", "密码不能为空。")
    if len(password) < min_length:
        raise ValidationError("password", f"密码太短：至少 {min_length} 位，当前 {len(password)} 位。")
    present = [name for name, chars in CLASSES if any(c in chars for c in password)]
    if any(not c.isalnum() or not c.isascii() for c in password):
        present.append("符号")
    if len(present) < min_classes:
        raise ValidationError(
            "password",
            f"密码至少要包含大写字母、小写字母、数字、符号中的 {min_classes} 类，当前只有"
            f"{len(present)} 类（{'、'.join(present) or '无'}）。",
        )
    if username and username.lower() in password.lower():
        raise ValidationError("password", "密码不能包含用户名。")

"""Replace a folder that readers use (site/, a web server's folder) whole, and only if it is ours.

- Only a folder that is missing, empty, or carries our marker file (and holds nothing but what
  that marker lists) is replaced; anything else is refused and left untouched.
- A symlink is followed: the folder it points at is replaced, the link stays a link.
- The new tree is written beside the old one, then swapped in with one atomic exchange (Linux
  `renameat2` RENAME_EXCHANGE): readers see the old tree or the new one, never half of each.
- The old tree loses only what its marker lists; anything that appeared in it meanwhile stays.
- A killed run leaves a folder with our name and a marker beside the target; the next run
  removes what we wrote in it, and nothing else.
- Every failure is one `Refused` message (Vietnamese, then English); no OSError escapes.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TOOL = "creditsite"
MARKER = ".creditsite-published"  # in a folder we own: what it is and which files are ours
STAGING = ".creditsite-staging"  # in a folder being written: ours to delete if it is left behind
SHOWN = 5  # how many offending paths one message names
_MARKER_LIMIT = 64 * 1024 * 1024
_FS_IOC_GETFLAGS = 0x80086601  # <linux/fs.h> _IOR('f', 1, long)
_UNREMOVABLE = 0x10 | 0x20  # FS_IMMUTABLE_FL | FS_APPEND_FL (chattr +i, +a): even root cannot unlink
_CHOOSE = (
    "Hãy chọn một thư mục trống hoặc chưa có, hoặc tự chuyển các mục đó đi "
    "(choose an empty or new folder, or move those items away yourself)."
)


class Refused(Exception):
    """Why the folder was not replaced; it is unchanged."""


@dataclass(frozen=True)
class Protected:
    """A folder the target must not be, contain, or (unless `inside_ok`) be inside of."""

    path: Path
    vi: str
    en: str
    inside_ok: bool = False


@dataclass(frozen=True)
class Entry:
    rel: str  # POSIX path below the folder
    kind: str  # "dir", "file", or "other" (symlinks, devices: we never write those)
    st: os.stat_result


def replace(
    target: Path,
    fill: Callable[[Path], bool],
    *,
    kind: str,
    protected: Sequence[Protected] = (),
    trusted: bool = False,
    note: Mapping[str, str] | None = None,
) -> bool:
    """Let `fill` write a fresh folder beside `target`; if it returns True, swap that in for `target`.

    `trusted` marks the project's own output folder (site/): replaced whatever it holds, and no
    marker is written into it. Returns whether the swap happened; raises Refused otherwise."""
    live = _prepare(target, protected)
    _make_parent(live.parent)
    with _locked(live.parent):
        _clean_leftovers(live, trusted)
        _inspect(live, _shown(target, live), trusted)
        staging = _new_staging(live)
        old: Path | None = None
        try:
            try:
                if not fill(staging):
                    return False
                _seal(staging, kind, not trusted, note or {})
            except OSError as exc:
                raise Refused(_cannot("ghi bản mới vào", "write the new copy in", live.parent, exc)) from None
            try:
                old = _swap(staging, live)
            except OSError as exc:
                raise Refused(_cannot("đổi chỗ bản mới với", "swap the new copy with", live, exc)) from None
        finally:
            if old is None:  # the new tree never went live, or it went live and `staging` is gone
                _discard(staging)
        if old is not None:
            _retire(old, trusted)
    return True


def check(target: Path, *, protected: Sequence[Protected] = (), trusted: bool = False) -> Path:
    """Everything `replace` refuses, found without changing anything; returns the real folder."""
    live = _prepare(target, protected)
    _inspect(live, _shown(target, live), trusted)
    return live


# --- Where the target really is ---------------------------------------------------------------


def locate(target: Path, protected: Sequence[Protected] = ()) -> Path:
    """The real folder behind `target`, refused if it is, contains or is inside a protected one."""
    live = _resolve(target)
    guarded = [guard for guard in protected if _relation(live, guard)]
    relation = _relation(live, guarded[0]) if guarded else None
    if guarded and relation:
        vi, en = relation
        other = guarded[0].path.absolute().resolve()
        raise Refused(
            f"{_shown(target, live)} {vi} {guarded[0].vi} {other} ({en} {guarded[0].en}). "
            "Hãy chọn một thư mục riêng, không nằm trong và không chứa nó "
            "(choose a separate folder, neither inside nor containing it)."
        )
    return live


def _prepare(target: Path, protected: Sequence[Protected]) -> Path:
    live = locate(target, protected)
    if os.path.lexists(live) and not live.is_dir():
        raise Refused(
            f"{_shown(target, live)} là một tệp, không phải thư mục (is a file, not a folder); "
            "hãy chọn một thư mục (choose a folder)."
        )
    return live


def _shown(target: Path, live: Path) -> str:
    return str(target) if target.absolute() == live else f"{target} (→ {live})"


def _resolve(target: Path) -> Path:
    """The real folder behind `target`: symlinks followed, even to a folder not made yet."""
    try:
        live = target.absolute().resolve()
    except (RuntimeError, OSError) as exc:  # Python 3.11 says RuntimeError for a symlink loop
        raise Refused(f"{target} là liên kết vòng hoặc hỏng (is a symlink loop or broken): {exc}") from None
    if live.is_symlink():
        raise Refused(f"{target} là liên kết vòng (is a symlink loop).")
    return live


def _relation(live: Path, guard: Protected) -> tuple[str, str] | None:
    other = guard.path.absolute().resolve()
    if live == other:
        return "là", "is"
    if live.is_relative_to(other) and not guard.inside_ok:
        return "nằm trong", "is inside"
    if other.is_relative_to(live):
        return "chứa", "contains"
    return None


# --- Is it ours, and can it go? ---------------------------------------------------------------


def _inspect(live: Path, shown: str, trusted: bool) -> None:
    _check_parent(live)
    if not live.exists():
        return
    entries = _entries(live)
    if not trusted:
        _check_owned(live, shown, entries)
    _check_removable(live, entries)


def _check_parent(live: Path) -> None:
    """The new copy is written beside the target, so its parent (or the nearest existing
    ancestor, where the parent will be made) must take new entries."""
    folder = live.parent
    while not os.path.lexists(folder):
        folder = folder.parent
    if not folder.is_dir():
        raise Refused(
            f"{folder} là một tệp, không phải thư mục (is a file, not a folder); "
            f"không tạo được {live} (cannot make {live})."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Refused(
            f"không ghi được vào {folder} (cannot write in {folder}): bản mới được chép vào bên cạnh "
            f"{live.name} trước khi đổi chỗ, nên cần quyền ghi thư mục này (the new copy is written "
            "beside the target before the swap, so this folder must be writable). " + _HINT_PERMISSION
        )


def _entries(root: Path) -> list[Entry]:
    """Every entry under `root`, symlinks not followed; a folder we cannot read is refused."""
    found: list[Entry] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                items = [(item.path, item.stat(follow_symlinks=False)) for item in scan]
        except OSError as exc:
            raise Refused(_cannot("đọc", "read", folder, exc)) from None
        for path, st in items:
            kind = "dir" if stat.S_ISDIR(st.st_mode) else "file" if stat.S_ISREG(st.st_mode) else "other"
            found.append(Entry(Path(path).relative_to(root).as_posix(), kind, st))
            if kind == "dir":
                stack.append(Path(path))
    return found


def read_marker(folder: Path) -> dict | None:
    """Our marker in `folder`, None if there is none; a marker we did not write is refused."""
    path = folder / MARKER
    try:
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MARKER_LIMIT:
            raise ValueError("not a small regular file")
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Refused(_cannot("đọc", "read", path, exc)) from None
    except ValueError:
        data = None
    lists = isinstance(data, dict) and all(
        isinstance(data.get(key), list) and all(isinstance(item, str) for item in data[key])
        for key in ("files", "directories")
    )
    if not lists or data.get("tool") != TOOL:
        raise Refused(f"{path} không phải tệp đánh dấu do {TOOL} ghi (is not a marker written by {TOOL}). " + _CHOOSE)
    return data


def _check_owned(live: Path, shown: str, entries: list[Entry]) -> None:
    if not entries:
        return
    marker = read_marker(live)
    if marker is None:
        top = sorted(entry.rel for entry in entries if "/" not in entry.rel)
        raise Refused(
            f"{shown} không trống và không do {TOOL} ghi (không có tệp {MARKER}), có: {_few(top)} "
            f"({shown} is not empty and was not written by {TOOL}: it has no {MARKER} file). " + _CHOOSE
        )
    files = set(marker["files"])
    folders = set(marker["directories"]) | {str(parent) for rel in files for parent in Path(rel).parents} - {"."}
    foreign = {
        entry.rel
        for entry in entries
        if entry.rel != MARKER
        and not (entry.kind == "file" and entry.rel in files or entry.kind == "dir" and entry.rel in folders)
    }
    # name a foreign folder once, not every file in it
    named = sorted(rel for rel in foreign if not any(str(parent) in foreign for parent in Path(rel).parents))
    if named:
        raise Refused(
            f"{shown} có {len(named)} mục không do {TOOL} ghi: {_few(named)} "
            f"({shown} holds {len(named)} item(s) that {TOOL} did not write). " + _CHOOSE
        )


def _check_removable(live: Path, entries: list[Entry]) -> None:
    """Refuse before the swap anything that would stop the old tree from being deleted after it."""
    try:
        stats = {"": live.lstat(), **{entry.rel: entry.st for entry in entries if entry.kind == "dir"}}
        stats["/parent"] = live.parent.lstat()
    except OSError as exc:
        raise Refused(_cannot("đọc", "read", live, exc)) from None
    problems: list[str] = []
    for rel, kind, st, parent in _with_parents(live, entries, stats):
        path = live / rel if rel else live
        if kind != "other" and _locked_by_attribute(path):
            problems.append(f"{rel or '.'} (bị khoá bằng chattr +i/+a; immutable or append-only)")
        elif kind == "dir" and not os.access(path, os.W_OK | os.X_OK):
            problems.append(f"{rel or '.'} (thư mục không cho ghi; folder is not writable)")
        elif _sticky_blocks(parent, st):
            problems.append(f"{rel or '.'} (thư mục có bit dính, tệp của người khác; sticky folder, another owner)")
    if problems:
        raise Refused(
            f"không thay được {live}: sau khi đổi chỗ sẽ không xoá được bản cũ, {_few(problems)} "
            f"(cannot replace {live}: the old copy could not be deleted after the swap). " + _HINT_PERMISSION
        )


def _with_parents(
    live: Path, entries: list[Entry], stats: dict[str, os.stat_result]
) -> Iterator[tuple[str, str, os.stat_result, os.stat_result]]:
    yield "", "dir", stats[""], stats["/parent"]
    for entry in entries:
        yield entry.rel, entry.kind, entry.st, stats[entry.rel.rpartition("/")[0]]


def _locked_by_attribute(path: Path) -> bool:
    """True if chattr +i or +a forbids deleting `path`; unknown (unreadable, no support) is False."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return False  # deleting a file does not need reading it
    try:
        flags = bytearray(8)
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags)
    except OSError:
        return False  # this filesystem has no such attributes
    finally:
        os.close(fd)
    return bool(int.from_bytes(flags[:4], sys.byteorder) & _UNREMOVABLE)


def _sticky_blocks(parent: os.stat_result, st: os.stat_result) -> bool:
    euid = os.geteuid()
    return bool(parent.st_mode & stat.S_ISVTX) and euid != 0 and euid not in (parent.st_uid, st.st_uid)


# --- Writing beside it, and swapping ------------------------------------------------------------


def _make_parent(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Refused(_cannot("tạo", "make", folder, exc)) from None


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One build or publish at a time in `folder`, so cleaning leftovers never hits a live run."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise Refused(_cannot("mở", "open", folder, exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Refused(
                f"một lần dựng hoặc đăng trang khác đang ghi vào {folder} (another build or publish "
                "is writing in this folder); chờ nó xong rồi chạy lại (wait for it to end, then run "
                "again)."
            ) from None
        yield
    finally:
        os.close(fd)  # also releases the lock


def _leftover_name(live: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(live.name)}\.{TOOL}-(?:new|old)-[a-z0-9_]{{8}}")


def _clean_leftovers(live: Path, trusted: bool) -> None:
    """Delete what a killed run left beside `live`: our name, and our marker (or nothing) inside."""
    pattern = _leftover_name(live)
    try:
        names = os.listdir(live.parent)
    except OSError as exc:
        raise Refused(_cannot("đọc", "read", live.parent, exc)) from None
    for name in filter(pattern.fullmatch, names):
        path = live.parent / name
        if not path.is_symlink() and path.is_dir() and (trusted or _is_ours(path, live)):
            _retire(path, trusted)


def _is_ours(folder: Path, live: Path) -> bool:
    try:
        names = os.listdir(folder)
        if not names:
            return True
        if STAGING in names and (folder / STAGING).is_file():
            data = json.loads((folder / STAGING).read_bytes()[:_MARKER_LIMIT])
            return isinstance(data, dict) and data.get("tool") == TOOL and data.get("for") == str(live)
        return MARKER in names and read_marker(folder) is not None  # an old tree, swapped out
    except (OSError, ValueError, Refused):
        return False


def _new_staging(live: Path) -> Path:
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{live.name}.{TOOL}-new-", dir=live.parent))
    except OSError as exc:
        raise Refused(_cannot("ghi vào", "write in", live.parent, exc)) from None
    try:
        note = {"tool": TOOL, "for": str(live), "pid": os.getpid()}
        (staging / STAGING).write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        _discard(staging)
        raise Refused(_cannot("ghi vào", "write in", staging, exc)) from None
    return staging


def _seal(staging: Path, kind: str, mark: bool, note: Mapping[str, str]) -> None:
    """Make the filled folder ready to go live: our marker in, the staging note out."""
    if mark:
        entries = [entry for entry in _entries(staging) if entry.rel not in (MARKER, STAGING)]
        marker = {
            "tool": TOOL,
            "kind": kind,
            **note,
            "files": sorted(entry.rel for entry in entries if entry.kind == "file"),
            "directories": sorted(entry.rel for entry in entries if entry.kind == "dir"),
        }
        (staging / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    (staging / STAGING).unlink()
    staging.chmod(0o755)


def _swap(fresh: Path, live: Path) -> Path | None:
    """Put `fresh` at `live`; returns where the old tree is now (to delete), None if there was none."""
    if not os.path.lexists(live):
        fresh.rename(live)
        return None
    if _exchange(fresh, live):
        return fresh
    # No atomic exchange here (old kernel or filesystem): two quick renames.
    old = Path(tempfile.mkdtemp(prefix=f".{live.name}.{TOOL}-old-", dir=live.parent))
    live.rename(old)  # onto the empty folder just made
    try:
        fresh.rename(live)
    except OSError:
        old.rename(live)
        raise
    return old


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # kernel or filesystem cannot exchange
        return False
    raise OSError(code, os.strerror(code), str(b))


def _retire(folder: Path, trusted: bool) -> None:
    """Delete a swapped-out or left-over tree: all of it if it is site/'s or our unfinished copy,
    otherwise only what its marker says we wrote. Anything else stays, and we say so."""
    if trusted or (folder / STAGING).is_file():
        _discard(folder, warn=True)
        return
    try:
        marker = read_marker(folder) or {"files": [], "directories": []}
    except Refused:
        marker = {"files": [], "directories": []}
    files = [rel for rel in marker["files"] if _owned_path(folder, rel)]
    folders = {str(parent) for rel in files for parent in Path(rel).parents} | set(marker["directories"])
    try:
        for rel in files:
            if (folder / rel).is_file() and not (folder / rel).is_symlink():
                (folder / rel).unlink()
        for rel in sorted(folders - {"."}, key=lambda rel: rel.count("/"), reverse=True):
            if _owned_path(folder, rel) and (folder / rel).is_dir() and not os.listdir(folder / rel):
                (folder / rel).rmdir()
        (folder / MARKER).unlink(missing_ok=True)
        names = sorted(os.listdir(folder))
        if not names:
            folder.rmdir()
            return
    except OSError as exc:
        _warn(f"{_cannot('xoá hết', 'delete all of', folder, exc)} {_AGAIN}")
        return
    _warn(
        f"giữ lại {folder} vì có mục không do {TOOL} ghi: {_few(names)} (kept: it holds items {TOOL} did "
        "not write); hãy tự xem rồi xoá (look at it, then delete it yourself)."
    )


def _owned_path(folder: Path, rel: str) -> bool:
    """A marker's entry names a path inside `folder`, through no symlink (a forged one could not)."""
    if Path(rel).is_absolute() or ".." in Path(rel).parts:
        return False
    try:
        return (folder / rel).parent.resolve() == (folder.resolve() / rel).parent
    except (RuntimeError, OSError):  # a symlink loop on the way
        return False


def _warn(text: str) -> None:
    print(f"CẢNH BÁO (warning): {text}", file=sys.stderr)


def _discard(folder: Path, warn: bool = False) -> None:
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        pass
    except OSError as exc:
        if warn:
            _warn(f"{_cannot('xoá hết', 'delete all of', folder, exc)} {_AGAIN}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


# --- Messages ------------------------------------------------------------------------------------

_HINT_PERMISSION = "Sửa quyền rồi chạy lại (fix the permissions, then run again)."
_HINT_MOUNT = (
    "Thư mục đích là một điểm gắn ổ đĩa; hãy đăng vào một thư mục con của nó "
    "(the target is a mount point; publish into a folder inside it)."
)
_AGAIN = "Lần chạy sau sẽ thử xoá lại (the next run tries again)."
_HINTS = {
    errno.EACCES: _HINT_PERMISSION,
    errno.EPERM: _HINT_PERMISSION,
    errno.EROFS: "Ổ đĩa chỉ cho đọc (the disk is read-only).",
    errno.ENOSPC: "Hãy giải phóng chỗ trên ổ đĩa rồi chạy lại (free some disk space, then run again).",
    errno.EDQUOT: "Hãy giải phóng chỗ trên ổ đĩa rồi chạy lại (free some disk space, then run again).",
    errno.EBUSY: _HINT_MOUNT,
    errno.EXDEV: _HINT_MOUNT,
}


def _cannot(vi: str, en: str, path: Path | str, exc: OSError) -> str:
    """One line for an OS error: what could not be done where, why, and what to do."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        src, _dst, why = exc.args[0][0]  # copytree gathers errors; the first says enough
        return f"không {vi} được {path} (could not {en} {path}): {src}: {why}"
    reason = exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
    hint = _HINTS.get(exc.errno or 0, "")
    return f"không {vi} được {path} (could not {en} {path}): {reason}{where}. {hint}".rstrip()


def explain(exc: OSError) -> str:
    """An OS error nobody foresaw, still as one line with what to do."""
    where = exc.filename or exc.filename2 or ""
    return _cannot("dùng", "use", where, exc) if where else f"lỗi hệ điều hành (operating system error): {exc}"


def _few(items: Sequence[str]) -> str:
    more = f" … (+{len(items) - SHOWN})" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more

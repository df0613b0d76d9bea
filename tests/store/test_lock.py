"""One FloorClock per data folder: the folder's lock, in one process and across two."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from floorclock.store.lock import DataFolderInUse, DataFolderLock


def test_a_second_lock_on_the_folder_is_refused_until_the_first_is_released(
    tmp_path: Path,
) -> None:
    first = DataFolderLock(tmp_path)
    assert first.held
    with pytest.raises(DataFolderInUse) as refused:
        DataFolderLock(tmp_path)
    assert str(tmp_path) in str(refused.value)
    assert "--data-dir" in str(refused.value)  # what to do about it
    first.release()
    with DataFolderLock(tmp_path) as again:
        assert again.held


def test_a_folder_held_by_another_process_is_refused(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys
                from pathlib import Path
                from floorclock.store.lock import DataFolderLock

                with DataFolderLock(Path(sys.argv[1])):
                    print("holding", flush=True)
                    sys.stdin.readline()
                """
            ),
            str(tmp_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(DataFolderInUse, match="Another FloorClock"):
            DataFolderLock(tmp_path)
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    with DataFolderLock(tmp_path) as freed:  # the system let go when the holder ended
        assert freed.held

"""How far a long import has got: a progress bar on a terminal (tqdm), a plain line
every so many files otherwise (a log, a pipe), and the summary at the end."""

import time

from tqdm import tqdm

#: Without a terminal, one line per this many files.
LINE_EVERY = 1000


class ImportProgress:
    """Counts files as they are reported; ``write`` prints a line without breaking
    the bar."""

    def __init__(self, *, total: int | None, stream, enabled: bool = True):
        self.total = total
        self.stream = stream
        self.done = 0
        self.started = time.monotonic()
        self.bar = None
        self.enabled = enabled
        if enabled and stream.isatty():
            self.bar = tqdm(
                total=total, file=stream, unit=" files", dynamic_ncols=True, delay=1
            )

    def advance(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update()
        elif self.enabled and self.done % LINE_EVERY == 0:
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def write(self, text: str, stream) -> None:
        if self.bar is not None:
            self.bar.write(text, file=stream)
        else:
            stream.write(text + "\n")

    def line(self) -> str:
        """``1,000 of 100,000 files (1 %), 240 files/s, about 6 min left``."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.done:,}"
        if self.total:
            text += f" of {self.total:,} files ({100 * self.done // self.total} %)"
        else:
            text += " files"
        text += f", {rate:,.0f} files/s"
        if self.total and rate > 0:
            text += f", about {duration((self.total - self.done) / rate)} left"
        return text

    def close(self) -> str:
        """Stop the bar; return ``in 7 min 3 s (236 files/s)`` for the summary."""
        if self.bar is not None:
            self.bar.close()
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0
        return f"in {duration(elapsed)} ({rate:,.0f} files/s)"


def duration(seconds: float) -> str:
    if seconds < 9.95:  # 9.96 would read "10.0 s"
        return f"{seconds:.1f} s"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"

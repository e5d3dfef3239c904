"""The package's exceptions: one for a file that is not a readable havens
result, one for a failed engine run. Messages are one line and name the path,
so a notebook's traceback ends in something a user can act on."""


class HavensResultError(ValueError):
    """A file that is not a havens result, or lacks what was asked of it."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = " ".join(str(problem).split())  # keep the message on one line
        super().__init__(f"{self.path}: {self.problem}")


class HavensRunError(RuntimeError):
    """The engine exited with an error; the message is its last stderr line."""

    def __init__(self, command, returncode, stderr):
        self.command = list(command)
        self.returncode = returncode
        self.stderr = stderr
        lines = [line for line in stderr.strip().splitlines() if line.strip()]
        last = lines[-1] if lines else "no message"
        super().__init__(f"havens exited with {returncode}: {last}")

"""`python3 -m havens_analysis report RESULT.h5 -o DIR`: writes the standard
figures and index.html. Errors are one line on stderr, exit code 2."""
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m havens_analysis",
                                     description="Analyse havens result files.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="standard figures as PNG and an index.html")
    report.add_argument("result", help="a result file written by havens run")
    report.add_argument("-o", "--output", required=True, help="folder to write into")
    args = parser.parse_args(argv)

    from .errors import HavensResultError
    from .report import write_report
    try:
        index = write_report(args.result, args.output)
    except HavensResultError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(index)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every HDF5 name the engine writes, mirrored from sim/io/h5/schema.hpp and
docs/OUTPUT.md. The rest of the package uses these constants, so a renamed
dataset (a schema change) is fixed here once."""

# The newest layout this package reads; files from a newer engine are refused
# with a clear message rather than misread.
SCHEMA_VERSION = 4
# From schema 4 a sweep is one group, /sweeps/NAME, whose arrays lead with
# the point axis; before, each point was a scenario group of its own.
FLAT_SWEEPS = 4

# Root attributes (provenance).
HAVENS_VERSION = "havens_version"
SCHEMA_VERSION_ATTR = "schema_version"
SCENARIO_ORDER_ATTR = "scenario_order"  # JSON list: scenarios (and sweeps) in the order given
GIT_REVISION = "git_revision"
CREATED_UTC = "created_utc"
COMMAND_LINE = "command_line"
SCENARIO_TOML = "scenario_toml"
CONFIG_JSON = "config_json"
SEED = "seed"
PROVENANCE_ATTRS = (HAVENS_VERSION, SCHEMA_VERSION_ATTR, GIT_REVISION, CREATED_UTC,
                    COMMAND_LINE, SEED)

# Groups.
WORLD = "world"
WORLD_STATES = "world/states"
WORLD_EDGES = "world/edges"
SCENARIOS = "scenarios"
SWEEPS = "sweeps"
TIMESERIES = "timeseries"
STATES = "states"
FLOWS = "flows"
SUMMARY = "summary"
EVENTS = "events"
# The groups of a scenario that share the replicate axis and merge into one
# labelled Dataset (events have their own axis and become a table).
SCENARIO_GROUPS = (TIMESERIES, STATES, FLOWS, SUMMARY)

# Dimensions.
REPLICATE = "replicate"
MONTH = "month"
STATE = "state"
ORIGIN = "origin"
HOST = "host"
REASON = "reason"
CHANNEL = "channel"
STATUS = "status"
ARTICLE = "article"
EDGE = "edge"
REQUEST = "request"
OUTCOME = "outcome"  # summary/outcome_value's axis
# The engine's scalar outcomes and their summaries (engine/outcomes.hpp).
OUTCOME_VALUE = "outcome_value"
OUTCOME_MEDIAN = "outcome_median"
OUTCOME_LOW = "outcome_low"
OUTCOME_HIGH = "outcome_high"
INTERVAL_LEVEL_ATTR = "interval_level"  # of summary/: 0.9
# The CF attributes of every variable (schema 3).
LONG_NAME = "long_name"
UNITS = "units"
LABELS_ATTR = "labels"  # JSON list of human labels on a categorical coordinate
POINT = "point"  # the axis of a sweep's points (stacked by the package before schema 4)
PARAMETER = "parameter"  # of a run over a posterior: the keys drawn

# Scenario-group attributes that are not scenario keys.
REPLICATES_RUN = "replicates_run"
SCENARIO_META_ATTRS = ("scenario_toml", "config_json", REPLICATES_RUN)
# Attributes of a sweep point's scenario group (schema 1-3), and of the
# Dataset the package makes of one point.
POINT_SWEEP_ATTR = "sweep"
POINT_INDEX_ATTR = "point"

# The sweep group /sweeps/NAME: its design (schema 1-3: the design alone).
SWEEP_SCENARIO = "scenario"  # the point's name, NAME_pNNNN
SWEEP_DESIGN = "design"
POINT_LABEL = "label"  # a point shown by its values: NAME[threshold=20, ...] (not in the file)
SWEEP_KEYS = "keys"
SWEEP_BASE_SAMPLES = "base_samples"
SALTELLI_MATRIX = "saltelli_matrix"
SALTELLI_COLUMN = "saltelli_column"
SALTELLI_ROW = "saltelli_row"
SWEEP_BOOKKEEPING = (POINT, SWEEP_SCENARIO, POINT_LABEL, SALTELLI_MATRIX, SALTELLI_COLUMN,
                     SALTELLI_ROW, REPLICATES_RUN)

# Codes: -1 marks "never" in the *_month variables (their _FillValue, read
# as NaN by this package and by xarray).
NEVER = -1
# events/target of a request against a legitimate-stream suspect, not an exile.
NO_EXILE = 4294967295

# Labels of `status` (timeseries/exiles_by_status). An exile in custody is
# provisionally arrested in the host, already surrendered, or handed over
# outside the law (removed; files before the removal channel have no such
# status).
EXTRADITED = "extradited"
PENDING_EXTRADITION = "pending_extradition"
REMOVED = "removed"
DETAINED = (EXTRADITED, PENDING_EXTRADITION, REMOVED)
# Month 0 of the simulation (docs/SCENARIOS.md); the file does not store it.
CALENDAR_START = "2025-10"

# World table columns used by the figures.
REGION = "region"
NAME = "name"
TNR_LEADING = "tnr_leading"
FH_STATUS = "fh_status"  # Freedom House: Free, Partly Free, Not Free
FREE = "Free"

# The scenario key that defines a safe haven (a host granting a typical
# pretext with at most this probability): the report reads the safe-haven
# share against it when a sweep varies it.
SAFE_HAVEN_EPSILON = "decision.safe_haven_epsilon"

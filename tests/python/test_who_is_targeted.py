"""Who is targeted, where, by whom and how often (docs/ODD.md 7.6-7.11 and
8, "Volumes"), checked on the event log of a real baseline run at the
default volume: hostile pairs, the hosts of the arrests, arrests without a
basis, where relocations go, campaigns, and the yearly volumes against the
record they were fitted to."""
import pytest

from conftest import SOURCE, havens, load_script

record = load_script("targeting_record")


@pytest.fixture(scope="module")
def baseline_log(tmp_path_factory):
    path = tmp_path_factory.mktemp("targeting") / "log.h5"
    havens("run", SOURCE / "scenarios" / "baseline.toml", "--replicates", "16",
           "--posterior", "none", "--set", "output.request_log=true", "-o", path)
    return path


@pytest.fixture(scope="module")
def checks(baseline_log):
    return record.checks(baseline_log)


def test_no_hostile_pair_cooperates(checks):
    assert checks["hostile_pretext_successes"] == 0
    for pair in ("RUS->UKR", "AZE->ARM", "RWA->COD"):
        assert checks["named_pairs"][pair] == 0, pair


def test_arrests_happen_mostly_outside_free_hosts_and_never_without_a_basis(checks):
    assert checks["pretextual_arrests"] > 300
    assert checks["share_arrests_not_free"] >= 0.6
    assert checks["arrests_without_basis"] == 0


def test_relocation_follows_compatriots(checks):
    assert checks["moves"] > 100
    assert checks["moves_to_hosts_without_compatriots"] == 0
    assert checks["moves_to_micro_states"] < max(1, checks["moves_to_canada"])


def test_a_campaign_sends_one_request_a_month_against_an_exile(checks):
    assert checks["most_requests_one_exile_month"] == 1
    assert checks["most_requests_one_exile_run"] <= 5


def test_volumes_are_on_the_records_scale(baseline_log):
    table = record.volumes(baseline_log).set_index("quantity")
    for quantity in ("detentions (provisional arrests)",
                     "deportations (surrenders and removals)"):
        assert 0.5 <= table.loc[quantity, "ratio"] <= 2.0, quantity
    assert table.loc["pretextual Red Notices", "ratio"] < 1.0
    refused = table.loc["notices refused by INTERPOL's review", "scaled"]
    assert record.ARTICLE_2_3_REFUSALS / 2 <= refused <= 2_462 * 2


def test_origins_with_a_published_count_are_within_the_stated_band(baseline_log):
    table = record.volumes_by_origin(baseline_log)
    assert len(table) == 7
    for row in table.itertuples():
        assert 0.2 <= row.ratio <= 5.0, row.origin


def test_the_fit_of_the_rate_recovers_the_default(baseline_log):
    # The default rate is the calibration's posterior median, fitted with the
    # other exile-side parameters to the same record: the one-at-a-time refit
    # on a point run at the defaults lands near it.
    default = float(record.load(str(baseline_log))[4]["attrs"]["requests.rate"])
    assert abs(record.fitted_rate(baseline_log) / default - 1) < 0.35

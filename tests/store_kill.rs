//! A save killed at any moment leaves the scenario whole: the old version or
//! the new one, never a mix, and always loadable.
//!
//! The test binary runs itself again as a child (`child_saves_in_a_loop`,
//! which does nothing unless `DEALBENCH_KILL_TEST_FILE` is set) that saves
//! two versions of a scenario in turn with `store::write_atomic`, as fast
//! as it can. The parent waits until the child has saved once, kills it
//! with SIGKILL (`Child::kill`) after a random delay, and checks the file,
//! its `.bak` and the temporary files left behind; hundreds of times, for at
//! most about 15 seconds. The seed is printed; set `DEALBENCH_KILL_SEED` to
//! replay a run.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use dealbench::scenario::load_file;
use dealbench::store::{backup_path, write_atomic};

const FILE_ENV: &str = "DEALBENCH_KILL_TEST_FILE";
const SEED_ENV: &str = "DEALBENCH_KILL_SEED";
const READY: &str = "dealbench-kill-test: saved once";
const KILLS: usize = 300;
const BUDGET: Duration = Duration::from_secs(15);

const BASE: &str = include_str!("data/examples/seat-sizing.toml");

/// Two valid scenarios that differ in a figure and in size (some 7 KB and
/// 80 KB, mostly comments), so a kill often lands while a file is half
/// written.
fn versions() -> (Vec<u8>, Vec<u8>) {
    let pad = |kb: usize, tag: &str| {
        (0..kb * 16)
            .map(|i| format!("# {tag} padding line {i:06} of a long negotiation log ..\n"))
            .collect::<String>()
    };
    let a = format!("{}{}", BASE, pad(8, "A"));
    let b = format!(
        "{}{}",
        BASE.replace("seat_price = 60", "seat_price = 55.5"),
        pad(96, "B")
    );
    assert_ne!(a, b);
    (a.into_bytes(), b.into_bytes())
}

/// The child: save A and B in turn until killed.
#[test]
fn child_saves_in_a_loop() {
    let Some(file) = std::env::var_os(FILE_ENV) else {
        return;
    };
    let file = PathBuf::from(file);
    let (a, b) = versions();
    write_atomic(&file, &b).unwrap();
    println!("{READY}");
    loop {
        write_atomic(&file, &a).unwrap();
        write_atomic(&file, &b).unwrap();
    }
}

/// xorshift64*: enough randomness for kill delays, reproducible by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn seed() -> u64 {
    std::env::var(SEED_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64 | 1)
        })
}

/// Temporary files of deal.toml (and of its .bak) in `dir`, with the
/// process id their name carries.
fn temp_files(dir: &Path) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(rest) = name
            .strip_prefix(".deal.toml.")
            .and_then(|r| r.strip_suffix(".tmp"))
        {
            let rest = rest.strip_prefix("bak.").unwrap_or(rest);
            let pid = rest.split('.').next().unwrap().parse().unwrap();
            out.push((name, pid));
        } else {
            assert!(
                ["deal.toml", "deal.toml.bak"].contains(&name.as_str()),
                "unexpected file '{name}' beside the scenario"
            );
        }
    }
    out
}

fn assert_whole(what: &str, path: &Path, a: &[u8], b: &[u8], seed: u64) {
    let bytes = fs::read(path).unwrap();
    assert!(
        bytes == a || bytes == b,
        "{what} is neither version (len {}, A {}, B {}); seed {seed}",
        bytes.len(),
        a.len(),
        b.len()
    );
    load_file(path).unwrap_or_else(|e| panic!("{what} does not load: {e}; seed {seed}"));
}

#[test]
fn a_killed_save_leaves_the_old_or_the_new_version() {
    let seed = seed();
    println!("kill test seed {seed} (replay with {SEED_ENV}={seed})");
    let mut rng = Rng(seed);
    let (a, b) = versions();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deal.toml");
    fs::write(&file, &a).unwrap();
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let (mut kills, mut mid_save) = (0, 0);
    while kills < KILLS && started.elapsed() < BUDGET {
        let mut child = Command::new(&exe)
            .args(["--exact", "child_saves_in_a_loop", "--nocapture"])
            .args(["--test-threads", "1"])
            .env(FILE_ENV, &file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let ready = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|l| l.contains(READY));
        assert!(ready, "the child never saved: {:?}", child.wait());
        std::thread::sleep(Duration::from_micros(rng.next() % 20_000));
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;

        assert_whole("the scenario", &file, &a, &b, seed);
        assert_whole("the .bak", &backup_path(&file), &a, &b, seed);
        let temps = temp_files(dir.path());
        if !temps.is_empty() {
            mid_save += 1;
        }
        // The child's first save removed what earlier children left.
        for (name, pid) in &temps {
            assert_eq!(*pid, child.id(), "'{name}' piled up from an earlier kill");
        }
        assert!(temps.len() <= 2, "{temps:?}");
    }
    println!(
        "{kills} kills in {:.1} s, {mid_save} during a write",
        started.elapsed().as_secs_f64()
    );
    assert!(kills >= 100, "only {kills} kills within the time budget");
    assert!(mid_save > 0, "no kill landed during a save");

    // One clean save afterwards leaves no temporary file at all.
    write_atomic(&file, &a).unwrap();
    assert_eq!(temp_files(dir.path()), Vec::new());
    assert_eq!(fs::read(&file).unwrap(), a);
}

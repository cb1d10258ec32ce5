//! Error localisation as official statistics does it (Fellegi–Holt; Statistics Netherlands'
//! `errorlocate`): the identities are a linear system Σ coeff·x = 0 over the values read; find the
//! sets of values of least total weight whose change (to non-negative whole numbers) makes every
//! equation hold. R007 builds the system from the template's identities and the figures the text
//! states, and reports what this finds.
//!
//! A set *solves* when the equations it touches determine exactly one change for each of its
//! variables, every change nonzero, every new value whole and non-negative (the others keep their
//! values; the failing equations must all be touched). The answer is the solving set of least
//! weight (ties: the smaller variable indices first) and the runner-up: the next such set that
//! is no superset of the best, when at most [`NEAR`] heavier.
//!
//! The search is best-first (A*) over sets of variables, least lower bound first. A set *needs*
//! an equation when every solution containing it must add a variable of that equation: a failing
//! equation its changes do not move, or a holding one they move through one variable only (that
//! change would have to be 0). What keeps it small:
//! - a set that needs equations grows only into the one with the fewest candidate variables; a
//!   set that needs none but does not solve grows by the variables of the equations it moves;
//!   so it never leaves the failing equations' component (the rest of the system costs nothing);
//! - the lower bound: the set's weight plus, for needed equations that share no candidate, the
//!   least weight of each (worked out lazily, when the set is due);
//! - a set whose changes have a free direction is not grown (every superset has it too), nor a
//!   superset of a set that solves (it is heavier and explains nothing more);
//! - once a set solves, only sets within [`NEAR`] of it are looked at, and once a runner-up is
//!   known only sets as light as it; ties go to the smaller variable indices, as the answer's.
//!
//! It is bounded: at most [`MAX_CHANGES`] variables in a set and [`STATE_LIMIT`] sets queued.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A value that may be changed, with the cost of changing it (in tenths: 10 is one ordinary cell).
#[derive(Debug, Clone, Copy)]
pub struct Var {
    pub value: f64,
    pub weight: u32,
}

/// Σ coeff·x = 0 over some of the variables.
#[derive(Debug, Clone)]
pub struct Equation {
    pub terms: Vec<(usize, f64)>,
}

/// A system of equations, stored flat as R007 builds it (one list of terms, not a `Vec` per
/// equation): equation `i`'s terms are `terms[ends[i - 1]..ends[i]]`.
#[derive(Debug, Clone, Default)]
pub struct Equations {
    terms: Vec<(usize, f64)>,
    ends: Vec<u32>,
}

impl Equations {
    pub fn with_capacity(equations: usize, terms: usize) -> Equations {
        Equations { terms: Vec::with_capacity(terms), ends: Vec::with_capacity(equations) }
    }

    /// Adds a term to the equation being built.
    pub fn push_term(&mut self, var: usize, coeff: f64) {
        self.terms.push((var, coeff));
    }

    /// Ends the equation being built: its terms are those pushed since the last one ended.
    pub fn end_equation(&mut self) {
        self.ends.push(self.terms.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Equation `i`'s terms.
    pub fn get(&self, i: usize) -> &[(usize, f64)] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.terms[start..self.ends[i] as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &[(usize, f64)]> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Σ coeff·x of each equation over the values read (a term naming no variable counts as 0).
    fn residuals(&self, vars: &[Var]) -> Vec<f64> {
        self.iter().map(|terms| terms.iter().map(|&(v, c)| c * vars.get(v).map_or(0.0, |x| x.value)).sum()).collect()
    }
}

impl From<&[Equation]> for Equations {
    fn from(equations: &[Equation]) -> Equations {
        let mut flat = Equations::with_capacity(equations.len(), equations.iter().map(|e| e.terms.len()).sum());
        for e in equations {
            flat.terms.extend_from_slice(&e.terms);
            flat.end_equation();
        }
        flat
    }
}

/// One set of changes: each variable with the value it takes, and the set's weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    pub changes: Vec<(usize, f64)>,
    pub weight: u32,
}

/// Why the failing equations could not be localised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlocalised {
    /// More failing equations than [`MAX_FAILING`]: the table is not one or two slips away from
    /// consistent, and a "likeliest correction" would be a guess.
    TooManyFailures(usize),
    /// No set of at most [`MAX_CHANGES`] changes makes every equation hold.
    TooManyChanges,
    /// [`STATE_LIMIT`] sets were queued without settling the answer.
    SearchLimit,
}

pub const MAX_FAILING: usize = 12;
pub const MAX_CHANGES: usize = 8;
pub const STATE_LIMIT: usize = 5_000;
/// Sets expanded after the best one while looking for a runner-up.
pub const RUNNER_UP_LIMIT: usize = 1_000;
/// A second solution is reported when its weight is at most this much above the best one.
pub const NEAR: u32 = 6;

const EPS: f64 = 1e-6;

/// The cheapest solutions, best first (the runner-up only when within [`NEAR`]); empty when every
/// equation already holds.
pub fn localise(vars: &[Var], equations: &[Equation]) -> Result<Vec<Solution>, Unlocalised> {
    localise_system(vars, &Equations::from(equations))
}

/// [`localise`] of a system stored flat.
pub fn localise_system(vars: &[Var], equations: &Equations) -> Result<Vec<Solution>, Unlocalised> {
    let residuals = equations.residuals(vars);
    let failing: Vec<usize> = (0..equations.len()).filter(|&e| residuals[e].abs() > EPS).collect();
    if failing.is_empty() {
        return Ok(Vec::new());
    }
    if failing.len() > MAX_FAILING {
        return Err(Unlocalised::TooManyFailures(failing.len()));
    }
    #[cfg(not(target_arch = "wasm32"))]
    record::system(vars, equations);
    // The index reads the callers' terms as they are; a term naming no variable counts as 0,
    // so it is dropped first (R007 names none).
    let in_range;
    let equations = if equations.terms.iter().all(|t| t.0 < vars.len()) {
        equations
    } else {
        let mut kept = Equations::with_capacity(equations.len(), equations.terms.len());
        for eq in equations.iter() {
            eq.iter().filter(|t| t.0 < vars.len()).for_each(|&(v, c)| kept.push_term(v, c));
            kept.end_equation();
        }
        in_range = kept;
        &in_range
    };
    let Some(system) = System::new(vars, equations, &residuals, &failing) else {
        return Err(Unlocalised::SearchLimit);
    };
    Search::new(&system).run()
}

/// A variable's index, small enough for compact sets.
type Local = u16;
/// A set of at most [`MAX_CHANGES`] variables, sorted; unused places hold [`NONE`].
type Set = [Local; MAX_CHANGES];
const NONE: Local = Local::MAX;
// A set packs into a u128 (`Node::key`).
const _: () = assert!(MAX_CHANGES * 16 <= 128);

/// Compressed lists: list `i` is `items[start[i]..start[i + 1]]`.
struct Lists<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T> Lists<T> {
    fn new(capacity: usize) -> Self {
        Lists { start: vec![0], items: Vec::with_capacity(capacity) }
    }

    fn end_list(&mut self) {
        self.start.push(self.items.len() as u32);
    }

    fn get(&self, i: usize) -> &[T] {
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// The system indexed for the search. The search only ever grows a set through equations its
/// variables move, starting from the failing ones: it never leaves their component, and the
/// rest of the system costs nothing but this index.
struct System<'a> {
    vars: &'a [Var],
    weight: Vec<u32>,
    /// Each variable's equations (increasing): every one it appears in (the rows `solve` takes),
    /// and those where its coefficients do not cancel (the ones its change moves).
    var_eqs: Lists<u16>,
    var_moves: Lists<u16>,
    /// Each equation's terms in the callers' order (every variable in range), and the variables
    /// whose change moves it (increasing).
    equations: &'a Equations,
    eq_moved_by: Lists<Local>,
    residual: Vec<f64>,
    failing: Vec<u16>,
    is_failing: Vec<bool>,
}

impl<'a> System<'a> {
    /// None when the system is too large to index (65,535 variables or equations or more; R007's
    /// have a few hundred).
    fn new(vars: &'a [Var], equations: &'a Equations, residuals: &[f64], failing: &[usize]) -> Option<Self> {
        if vars.len() >= usize::from(NONE) || equations.len() >= usize::from(u16::MAX) {
            return None;
        }
        let terms = equations.terms.len();
        let mut eq_moved_by = Lists::new(terms);
        // Each variable's net coefficient in the equation at hand (a cell may appear twice).
        let mut net = vec![0.0; vars.len()];
        // How many equations each variable appears in and moves (at v + 1, summed below into
        // where its list starts), and the last equation it was counted in.
        let mut appears: Vec<u32> = vec![0; vars.len() + 1];
        let mut moves: Vec<u32> = vec![0; vars.len() + 1];
        let mut last: Vec<u16> = vec![u16::MAX; vars.len()];
        for (e, eq) in equations.iter().enumerate() {
            for &(v, c) in eq {
                net[v] += c;
                if last[v] != e as u16 {
                    last[v] = e as u16;
                    appears[v + 1] += 1;
                }
            }
            let moved_from = eq_moved_by.items.len();
            for &(vi, _) in eq {
                if net[vi] != 0.0 {
                    if net[vi].abs() > EPS {
                        eq_moved_by.items.push(vi as Local);
                        moves[vi + 1] += 1;
                    }
                    net[vi] = 0.0;
                }
            }
            insertion_sort(&mut eq_moved_by.items[moved_from..], |&v| v);
            eq_moved_by.end_list();
        }
        // Inverted: each variable's equations, increasing.
        let mut var_eqs = Lists::new(terms);
        let mut var_moves = Lists::new(terms);
        for v in 0..vars.len() {
            appears[v + 1] += appears[v];
            moves[v + 1] += moves[v];
        }
        var_eqs.items.resize(appears[vars.len()] as usize, 0);
        var_moves.items.resize(moves[vars.len()] as usize, 0);
        var_eqs.start = appears.clone();
        var_moves.start = moves.clone();
        last.fill(u16::MAX);
        for e in 0..equations.len() {
            for &(vi, _) in equations.get(e) {
                if last[vi] != e as u16 {
                    last[vi] = e as u16;
                    var_eqs.items[appears[vi] as usize] = e as u16;
                    appears[vi] += 1;
                }
            }
            for &v in eq_moved_by.get(e) {
                let vi = usize::from(v);
                var_moves.items[moves[vi] as usize] = e as u16;
                moves[vi] += 1;
            }
        }
        let mut is_failing = vec![false; equations.len()];
        for &e in failing {
            is_failing[e] = true;
        }
        Some(System {
            vars,
            weight: vars.iter().map(|v| v.weight).collect(),
            var_eqs,
            var_moves,
            equations,
            eq_moved_by,
            residual: residuals.to_vec(),
            failing: failing.iter().map(|&e| e as u16).collect(),
            is_failing,
        })
    }
}

/// A set waiting to be expanded: its weight, and that plus a lower bound on what a solution
/// containing it must add.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Node {
    bound: u32,
    weight: u32,
    len: u8,
    stage: Stage,
    set: Set,
    /// The set packed into one integer (ordered and hashed as the set; cheaper to compare).
    key: u128,
}

impl Node {
    fn vars(&self) -> &[Local] {
        &self.set[..usize::from(self.len)]
    }

    fn with(&self, v: Local, weight: u32) -> Node {
        let mut next = *self;
        let at = self.vars().partition_point(|&x| x < v);
        next.set.copy_within(at..usize::from(self.len), at + 1);
        next.set[at] = v;
        next.len += 1;
        next.key = next.set.iter().fold(0, |k, &v| k << 16 | u128::from(v));
        next.weight = self.weight.saturating_add(weight);
        next.stage = Stage::Queued;
        next
    }
}

/// The heap's order: least bound first, then the set with the smaller variables (the answer's
/// own tie-break: its subsets come first, and a solution among them is the one to find).
impl Ord for Node {
    fn cmp(&self, other: &Self) -> Ordering {
        other.bound.cmp(&self.bound).then(other.key.cmp(&self.key)).then(other.stage.cmp(&self.stage))
    }
}

impl PartialOrd for Node {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Where a queued set stands.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// Queued with its parent's bound (a lower bound for it too).
    Queued,
    /// Queued again with its own, heavier bound.
    Bounded,
    /// Solved already, without a solution: queued again one variable heavier, to be grown.
    Unsolved,
}

/// A set that solves, with its new values.
struct Found {
    weight: u32,
    len: u8,
    set: Set,
    values: [f64; MAX_CHANGES],
}

impl Found {
    fn vars(&self) -> &[Local] {
        &self.set[..usize::from(self.len)]
    }

    /// Weight first, then the variables (as the answer orders them).
    fn order(&self, other: &Found) -> Ordering {
        self.weight.cmp(&other.weight).then_with(|| self.vars().cmp(other.vars()))
    }
}

/// Sorts a short list, stably (a few dozen items at most here; std's sorts cost kilobytes of
/// wasm per instantiation).
fn insertion_sort<K: Ord>(xs: &mut [u16], key: impl Fn(&u16) -> K) {
    for i in 1..xs.len() {
        let mut j = i;
        while j > 0 && key(&xs[j - 1]) > key(&xs[j]) {
            xs.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Whether sorted `small` is contained in sorted `large`.
fn subset(small: &[Local], large: &[Local]) -> bool {
    let mut rest = large.iter();
    small.iter().all(|v| rest.any(|w| w == v))
}

enum Solved {
    Values([f64; MAX_CHANGES]),
    /// The changes have a free direction: this set and every superset cannot solve.
    Free,
    /// No single whole, non-negative, nonzero change for each variable.
    No,
}

struct Search<'s, 'a> {
    system: &'s System<'a>,
    heap: BinaryHeap<Node>,
    /// Sets already queued, as fixed-size keys.
    seen: Seen,
    found: Vec<Found>,
    /// The heaviest bound still worth expanding: the best solution + [`NEAR`], then the
    /// runner-up's weight.
    limit: u32,
    /// Scratch: the equations a set still needs a variable in; the equations it touches and
    /// their rows for `solve`; per-equation counts and visit stamps.
    needs: Vec<u16>,
    touched: Vec<u16>,
    rows: Vec<[f64; MAX_CHANGES + 1]>,
    moved: Vec<u8>,
    eq_stamp: Vec<u32>,
    var_stamp: Vec<u32>,
    stamp: u32,
}

impl<'s, 'a> Search<'s, 'a> {
    fn new(system: &'s System<'a>) -> Self {
        let eqs = system.residual.len();
        Search {
            system,
            heap: BinaryHeap::with_capacity(256),
            seen: Seen::with_capacity(32),
            found: Vec::new(),
            limit: u32::MAX,
            needs: Vec::with_capacity(32),
            touched: Vec::with_capacity(32),
            rows: Vec::with_capacity(32),
            moved: vec![0; eqs],
            eq_stamp: vec![0; eqs],
            var_stamp: vec![0; system.weight.len()],
            stamp: 0,
        }
    }

    fn next_stamp(&mut self) -> u32 {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.eq_stamp.fill(0);
            self.var_stamp.fill(0);
            self.stamp = 1;
        }
        self.stamp
    }

    fn run(mut self) -> Result<Vec<Solution>, Unlocalised> {
        self.heap.push(Node {
            bound: 0,
            weight: 0,
            len: 0,
            stage: Stage::Queued,
            set: [NONE; MAX_CHANGES],
            key: u128::MAX,
        });
        let mut expanded = 0;
        let mut found_at: Option<usize> = None;
        while let Some(node) = self.heap.pop() {
            if node.bound > self.limit {
                break;
            }
            if self.found.iter().any(|f| subset(f.vars(), node.vars())) {
                continue;
            }
            if node.stage == Stage::Queued {
                // Its own bound, worked out only now that it is due (most queued sets never are).
                let Some(bound) = self.lower_bound(&node) else { continue };
                if bound > node.bound {
                    if bound <= self.limit {
                        self.heap.push(Node { bound, stage: Stage::Bounded, ..node });
                    }
                    continue;
                }
            }
            expanded += 1;
            // Bounded by the sets queued (each one generated, hashed and weighed).
            if self.seen.len() > STATE_LIMIT {
                return if self.found.is_empty() { Err(Unlocalised::SearchLimit) } else { Ok(self.answer()) };
            }
            // The runner-up is worth a bounded look only.
            if found_at.is_some_and(|at| expanded > at + RUNNER_UP_LIMIT) {
                break;
            }
            if node.stage == Stage::Unsolved {
                self.grow_beside(&node);
                continue;
            }
            if node.stage == Stage::Bounded {
                self.collect_needs(node.vars());
            }
            if !self.needs.is_empty() {
                self.grow_into_need(&node);
                continue;
            }
            match self.solve(node.vars()) {
                Solved::Values(values) => {
                    self.found.push(Found { weight: node.weight, len: node.len, set: node.set, values });
                    found_at.get_or_insert(expanded);
                    self.limit = self.next_limit();
                }
                Solved::Free => {}
                Solved::No => {
                    // One more variable at least: queue it again with that bound.
                    if usize::from(node.len) < MAX_CHANGES {
                        let least = self.least_beside();
                        let bound = node.weight.saturating_add(least);
                        if bound <= self.limit {
                            self.heap.push(Node { bound, stage: Stage::Unsolved, ..node });
                        }
                    }
                }
            }
        }
        if self.found.is_empty() {
            return Err(Unlocalised::TooManyChanges);
        }
        Ok(self.answer())
    }

    /// The equations `set` still needs a variable in, into `self.needs`: each failing one its
    /// changes do not move, and each holding one they move through one variable only (that
    /// change would have to be 0).
    fn collect_needs(&mut self, set: &[Local]) {
        let system = self.system;
        let stamp = self.next_stamp();
        self.needs.clear();
        self.touched.clear();
        for &v in set {
            for &e in system.var_moves.get(usize::from(v)) {
                let ei = usize::from(e);
                if self.eq_stamp[ei] != stamp {
                    self.eq_stamp[ei] = stamp;
                    self.moved[ei] = 0;
                    self.touched.push(e);
                }
                self.moved[ei] = self.moved[ei].saturating_add(1);
            }
        }
        for &e in &system.failing {
            if self.eq_stamp[usize::from(e)] != stamp {
                self.needs.push(e);
            }
        }
        for &e in &self.touched {
            if self.moved[usize::from(e)] == 1 && !system.is_failing[usize::from(e)] {
                self.needs.push(e);
            }
        }
    }

    /// A lower bound on the weight of any solution containing `node`: its weight, plus one
    /// variable for each of a set of needed equations that share no candidate variable. None
    /// when even that needs more than [`MAX_CHANGES`] variables.
    fn lower_bound(&mut self, node: &Node) -> Option<u32> {
        self.collect_needs(node.vars());
        let system = self.system;
        // Two marks: the set's own variables, and the candidates of the equations counted.
        let member = self.next_stamp();
        let claimed = self.next_stamp();
        for &v in node.vars() {
            self.var_stamp[usize::from(v)] = member;
        }
        let mut extra = 0u32;
        let mut count = usize::from(node.len);
        // Greedily, the needed equations with the fewest candidates first.
        insertion_sort(&mut self.needs, |&e| system.eq_moved_by.get(usize::from(e)).len());
        'needs: for k in 0..self.needs.len() {
            let candidates = system.eq_moved_by.get(usize::from(self.needs[k]));
            let mut least = u32::MAX;
            for &v in candidates {
                let vi = usize::from(v);
                let mark = self.var_stamp[vi];
                if mark == claimed {
                    // It shares a candidate with an equation counted already.
                    continue 'needs;
                }
                if mark != member {
                    least = least.min(system.weight[vi]);
                }
            }
            if least == u32::MAX {
                // No variable left that could move it.
                return None;
            }
            for &v in candidates {
                let vi = usize::from(v);
                if self.var_stamp[vi] != member {
                    self.var_stamp[vi] = claimed;
                }
            }
            extra = extra.saturating_add(least);
            count += 1;
        }
        (count <= MAX_CHANGES).then(|| node.weight.saturating_add(extra))
    }

    /// Grows `node` by each candidate variable of its needed equation (in `self.needs`) with
    /// the fewest.
    fn grow_into_need(&mut self, node: &Node) {
        if usize::from(node.len) >= MAX_CHANGES {
            return;
        }
        let system = self.system;
        let Some(&e) = self.needs.iter().min_by_key(|&&e| system.eq_moved_by.get(usize::from(e)).len()) else {
            return;
        };
        for &v in system.eq_moved_by.get(usize::from(e)) {
            if !node.vars().contains(&v) {
                self.push_child(node, v);
            }
        }
    }

    /// Grows `node` (which moves every failing equation but does not solve) by each variable
    /// that moves an equation it moves: the change had to go somewhere.
    fn grow_beside(&mut self, node: &Node) {
        let system = self.system;
        let mut candidates: Vec<Local> = Vec::new();
        let stamp = self.next_stamp();
        for &v in node.vars() {
            self.var_stamp[usize::from(v)] = stamp;
        }
        for &v in node.vars() {
            for &e in system.var_moves.get(usize::from(v)) {
                for &w in system.eq_moved_by.get(usize::from(e)) {
                    if self.var_stamp[usize::from(w)] != stamp {
                        self.var_stamp[usize::from(w)] = stamp;
                        candidates.push(w);
                    }
                }
            }
        }
        for v in candidates {
            self.push_child(node, v);
        }
    }

    /// The least weight of a variable that moves an equation `node`'s set moves (after `solve`).
    fn least_beside(&self) -> u32 {
        let system = self.system;
        self.touched
            .iter()
            .flat_map(|&e| system.eq_moved_by.get(usize::from(e)))
            .map(|&v| system.weight[usize::from(v)])
            .min()
            .unwrap_or(u32::MAX)
    }

    /// Queues `node` grown by `v`, with `node`'s bound (every solution containing the child
    /// contains `node`) or the child's weight if heavier.
    fn push_child(&mut self, node: &Node, v: Local) {
        let mut next = node.with(v, self.system.weight[usize::from(v)]);
        next.bound = node.bound.max(next.weight);
        if next.bound <= self.limit && self.seen.insert(next.key) {
            self.heap.push(next);
        }
    }

    /// After a new solution: the best and runner-up so far decide how heavy a set may still
    /// change the answer.
    fn next_limit(&self) -> u32 {
        let (best, runner) = self.best_two();
        match runner {
            Some(r) => self.found[r].weight,
            None => self.found[best].weight.saturating_add(NEAR),
        }
    }

    /// Indices into `found` of the best solution and the runner-up (the next that is no superset
    /// of the best, within [`NEAR`]).
    fn best_two(&self) -> (usize, Option<usize>) {
        let best = (0..self.found.len()).min_by(|&a, &b| self.found[a].order(&self.found[b])).unwrap_or(0);
        let b = &self.found[best];
        let runner = (0..self.found.len())
            .filter(|&i| i != best)
            .filter(|&i| {
                self.found[i].weight <= b.weight.saturating_add(NEAR) && !subset(b.vars(), self.found[i].vars())
            })
            .min_by(|&x, &y| self.found[x].order(&self.found[y]));
        (best, runner)
    }

    fn answer(&self) -> Vec<Solution> {
        let (best, runner) = self.best_two();
        std::iter::once(best)
            .chain(runner)
            .map(|i| {
                let f = &self.found[i];
                Solution {
                    changes: f.vars().iter().zip(f.values).map(|(&v, to)| (usize::from(v), to)).collect(),
                    weight: f.weight,
                }
            })
            .collect()
    }

    /// The one assignment of the variables in `set` (the others keep their values) under which
    /// every equation holds, when there is exactly one and every value is a changed non-negative
    /// whole number. Leaves the equations the set touches in `self.touched`.
    fn solve(&mut self, set: &[Local]) -> Solved {
        let system = self.system;
        let n = set.len();
        // The equations the set touches (the others hold: the caller has checked every failing
        // one is touched), in order.
        let stamp = self.next_stamp();
        self.touched.clear();
        for &v in set {
            for &e in system.var_eqs.get(usize::from(v)) {
                if self.eq_stamp[usize::from(e)] != stamp {
                    self.eq_stamp[usize::from(e)] = stamp;
                    self.touched.push(e);
                }
            }
        }
        insertion_sort(&mut self.touched, |&e| e);
        // Rows [a_1 … a_n | b]: Σ a·δ = −residual.
        let rows = &mut self.rows;
        rows.clear();
        for &e in &self.touched {
            let mut row = [0.0; MAX_CHANGES + 1];
            for &(v, c) in system.equations.get(usize::from(e)) {
                if let Ok(i) = set.binary_search(&(v as Local)) {
                    row[i] += c;
                }
            }
            row[n] = -system.residual[usize::from(e)];
            rows.push(row);
        }
        // Gauss–Jordan with partial pivoting; the coefficients are small integers.
        let mut rank = 0;
        for col in 0..n {
            let Some(pivot) = (rank..rows.len()).max_by(|&a, &b| rows[a][col].abs().total_cmp(&rows[b][col].abs()))
            else {
                return Solved::Free;
            };
            if rows[pivot][col].abs() < EPS {
                // A free direction: the values are not determined.
                return Solved::Free;
            }
            rows.swap(rank, pivot);
            let p = rows[rank][col];
            for x in rows[rank][..=n].iter_mut() {
                *x /= p;
            }
            let source = rows[rank];
            for (r, target) in rows.iter_mut().enumerate() {
                if r != rank && target[col].abs() > EPS {
                    let f = target[col];
                    for (t, s) in target[..=n].iter_mut().zip(&source[..=n]) {
                        *t -= f * s;
                    }
                }
            }
            rank += 1;
        }
        // The rows beyond the rank must read 0 = 0.
        if rows[rank..].iter().any(|r| r[n].abs() > EPS) {
            return Solved::No;
        }
        let mut values = [0.0; MAX_CHANGES];
        for (i, &v) in set.iter().enumerate() {
            let delta = rows[i][n];
            let to = system.vars[usize::from(v)].value + delta;
            let whole = to.round();
            if delta.abs() < EPS || (to - whole).abs() > EPS || whole < 0.0 {
                return Solved::No;
            }
            values[i] = whole;
        }
        Solved::Values(values)
    }
}

/// The sets already queued, by key: open addressing with linear probing, at most half full. The
/// keys are sets of variable indices, not hostile input, so the multiply-rotate hash of rustc's
/// `FxHasher` serves (and the wasm needs no general hash table for it).
struct Seen {
    keys: Vec<u128>,
    /// One bit per slot: whether it holds a key.
    used: Vec<u64>,
    len: usize,
}

impl Seen {
    fn with_capacity(n: usize) -> Seen {
        let slots = (n * 2).next_power_of_two().max(64);
        Seen { keys: vec![0; slots], used: vec![0; slots / 64], len: 0 }
    }

    fn len(&self) -> usize {
        self.len
    }

    /// Adds `key`; false when it was there already.
    fn insert(&mut self, key: u128) -> bool {
        if (self.len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        let mask = self.keys.len() - 1;
        let mix = |h: u64, n: u64| (h.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        let hash = mix(mix(0, key as u64), (key >> 64) as u64);
        // The high bits are the best mixed.
        let mut at = (hash >> (64 - mask.count_ones())) as usize & mask;
        loop {
            if self.used[at / 64] & 1 << (at % 64) == 0 {
                self.used[at / 64] |= 1 << (at % 64);
                self.keys[at] = key;
                self.len += 1;
                return true;
            }
            if self.keys[at] == key {
                return false;
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let mut bigger = Seen::with_capacity(self.keys.len());
        for (at, &key) in self.keys.iter().enumerate() {
            if self.used[at / 64] & 1 << (at % 64) != 0 {
                bigger.insert(key);
            }
        }
        *self = bigger;
    }
}

/// The systems [`localise`] is asked to solve, recorded on request: benches and tests take
/// R007's real systems from checked texts with [`record::systems`].
#[cfg(not(target_arch = "wasm32"))]
pub mod record {
    use super::{Equation, Equations, Var};
    use std::cell::RefCell;

    /// One system: its variables and equations.
    pub type System = (Vec<Var>, Vec<Equation>);

    thread_local! {
        static RECORDED: RefCell<Option<Vec<System>>> = const { RefCell::new(None) };
    }

    pub(super) fn system(vars: &[Var], equations: &Equations) {
        RECORDED.with(|r| {
            if let Some(list) = r.borrow_mut().as_mut() {
                list.push((vars.to_vec(), equations.iter().map(|t| Equation { terms: t.to_vec() }).collect()));
            }
        });
    }

    /// Runs `f` and returns the systems with a failing equation it localised (on this thread).
    pub fn systems(f: impl FnOnce()) -> Vec<System> {
        RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
        f();
        RECORDED.with(|r| r.borrow_mut().take()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_holds_each_key_once_through_growth() {
        let mut seen = Seen::with_capacity(4);
        let keys: Vec<u128> =
            (0..3000u128).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) << (i % 70)).chain([0, u128::MAX]).collect();
        let mut distinct = keys.clone();
        crate::sort::sort(&mut distinct);
        distinct.dedup();
        for &k in &keys {
            seen.insert(k);
        }
        assert_eq!(seen.len(), distinct.len());
        for &k in &distinct {
            assert!(!seen.insert(k), "{k} was not kept");
        }
        assert!(seen.insert(12345));
        assert_eq!(seen.len(), distinct.len() + usize::from(!distinct.contains(&12345)));
    }

    fn cell(value: f64) -> Var {
        Var { value, weight: 10 }
    }

    /// a + b = t, over the given values.
    fn sum(parts: &[usize], total: usize) -> Equation {
        let mut terms: Vec<(usize, f64)> = parts.iter().map(|&p| (p, 1.0)).collect();
        terms.push((total, -1.0));
        Equation { terms }
    }

    #[test]
    fn consistent_values_need_no_repair() {
        let vars = [cell(1.0), cell(2.0), cell(3.0)];
        assert_eq!(localise(&vars, &[sum(&[0, 1], 2)]), Ok(Vec::new()));
    }

    #[test]
    fn one_wrong_cell_in_a_grid_is_found_with_its_value() {
        // A 2 × 2 grid with row and column totals: x00 x01 | r0; x10 x11 | r1; c0 c1 | g.
        let mut vars: Vec<Var> = [1.0, 2.0, 3.0, 3.0, 4.0, 7.0, 4.0, 6.0, 10.0].map(cell).to_vec();
        let eqs =
            [sum(&[0, 1], 2), sum(&[3, 4], 5), sum(&[0, 3], 6), sum(&[1, 4], 7), sum(&[2, 5], 8), sum(&[6, 7], 8)];
        assert_eq!(localise(&vars, &eqs), Ok(Vec::new()));
        vars[4].value = 9.0;
        let found = localise(&vars, &eqs).unwrap();
        assert_eq!(found[0].changes, vec![(4, 4.0)]);
        assert_eq!(found[0].weight, 10);
    }

    #[test]
    fn values_stay_whole_and_not_negative() {
        // a = b + c with a = 1, b = 2, c = 0: lowering b to −1 or c to −1 is no repair.
        let vars = [cell(1.0), cell(2.0), cell(0.0)];
        let found = localise(&vars, &[sum(&[1, 2], 0)]).unwrap();
        assert_eq!(found[0].changes, vec![(0, 2.0)]);
        assert!(found.iter().all(|s| s.changes.iter().all(|&(_, v)| v >= 0.0 && v.fract() == 0.0)));
    }

    #[test]
    fn cheaper_cells_win_and_a_near_runner_up_is_kept() {
        // a + b = t, with t cheap: changing t is the best, a or b the runner-up (4 tenths dearer).
        let vars = [cell(1.0), cell(1.0), Var { value: 3.0, weight: 6 }];
        let found = localise(&vars, &[sum(&[0, 1], 2)]).unwrap();
        assert_eq!(found[0].changes, vec![(2, 2.0)]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].weight, 10);
    }

    #[test]
    fn equal_weights_put_the_smaller_indices_first() {
        // x0 + x1 = x2 with x2 wrong: each cell alone is a repair of the same weight.
        let vars = [cell(1.0), cell(1.0), cell(5.0)];
        let found = localise(&vars, &[sum(&[0, 1], 2)]).unwrap();
        assert_eq!(found[0].changes, vec![(0, 4.0)]);
        assert_eq!(found[1].changes, vec![(1, 4.0)]);
    }

    #[test]
    fn separate_slips_are_repaired_together() {
        // Two grids sharing nothing, one wrong cell in each.
        let grid = [1.0, 2.0, 3.0, 3.0, 4.0, 7.0, 4.0, 6.0, 10.0];
        let mut vars: Vec<Var> = grid.iter().chain(&grid).map(|&v| cell(v)).collect();
        let eqs = |o: usize| {
            [
                sum(&[o, o + 1], o + 2),
                sum(&[o + 3, o + 4], o + 5),
                sum(&[o, o + 3], o + 6),
                sum(&[o + 1, o + 4], o + 7),
                sum(&[o + 2, o + 5], o + 8),
                sum(&[o + 6, o + 7], o + 8),
            ]
        };
        let all: Vec<Equation> = eqs(0).into_iter().chain(eqs(9)).collect();
        vars[0].value = 2.0;
        vars[13].value = 8.0;
        let found = localise(&vars, &all).unwrap();
        assert_eq!(found[0].changes, vec![(0, 1.0), (13, 4.0)]);
        assert_eq!(found[0].weight, 20);
    }

    #[test]
    fn a_cell_of_a_holding_identity_is_no_repair_alone() {
        // a + b = t fails (t wrong), a − b = d holds. Changing a or b alone would break the
        // second; a and b together would need 2.5 and 1.5; with d they weigh 2.0, more than
        // NEAR above t alone.
        let vars = [cell(2.0), cell(1.0), cell(4.0), cell(1.0)];
        let eqs = [sum(&[0, 1], 2), Equation { terms: vec![(0, 1.0), (1, -1.0), (3, -1.0)] }];
        let found = localise(&vars, &eqs).unwrap();
        assert_eq!(found, vec![Solution { changes: vec![(2, 3.0)], weight: 10 }]);
    }

    #[test]
    fn a_term_naming_no_variable_counts_as_zero() {
        // x0 + x1 = x2 fails; a stray term (variable 7 of 3) changes nothing, in any place.
        let vars = [cell(1.0), cell(1.0), cell(5.0)];
        let plain = localise(&vars, &[sum(&[0, 1], 2)]);
        assert_eq!(plain.as_ref().map(|s| s[0].changes.clone()), Ok(vec![(0, 4.0)]));
        for at in 0..=3 {
            let mut stray = sum(&[0, 1], 2);
            stray.terms.insert(at, (7, 3.0));
            assert_eq!(localise(&vars, &[stray, sum(&[0, 1], 2)]), plain, "stray term at {at}");
        }
    }

    #[test]
    fn too_many_failures_or_changes_say_why() {
        let vars: Vec<Var> = (0..60).map(|i| cell(f64::from(i % 2))).collect();
        let eqs: Vec<Equation> = (0..30).map(|i| Equation { terms: vec![(2 * i, 1.0), (2 * i + 1, -1.0)] }).collect();
        assert_eq!(localise(&vars, &eqs), Err(Unlocalised::TooManyFailures(30)));
        // A chain x0 = x1 = … = x20 broken in the middle: every repair changes ten or more.
        let vars: Vec<Var> = (0..21).map(|i| cell(if i < 10 { 0.0 } else { 1.0 })).collect();
        let eqs: Vec<Equation> = (0..20).map(|i| Equation { terms: vec![(i, 1.0), (i + 1, -1.0)] }).collect();
        assert_eq!(localise(&vars, &eqs), Err(Unlocalised::TooManyChanges));
    }
}

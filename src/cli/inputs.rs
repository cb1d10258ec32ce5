//! The files a `check` run reads, in a fixed order: the arguments as given, each directory
//! replaced by the report files under it.
//!
//! In a directory (recursively) a file is checked when its name ends in `.txt`, `.md`, `.html`,
//! `.htm`, `.docx`, `.doc` or `.pdf` (any case; what a file is, is then told from its bytes). Names starting with `.` (hidden files and directories) are skipped, and so
//! are symbolic links to directories (no loops). A file named on the command line is always
//! checked, whatever its name. Entries are visited sorted by name, so the order does not depend on
//! the file system. The walk is lazy: only the directories on the current path are held open.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

pub const REPORT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "docx", "doc", "pdf"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// Something named that cannot be checked (a directory that cannot be listed, one without
    /// any report file): reported in the stream like an unreadable file.
    Problem {
        path: PathBuf,
        message: String,
    },
}

impl Input {
    /// The name shown in the output.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File(p) | Input::Problem { path: p, .. } => p.to_string_lossy().into_owned(),
        }
    }
}

pub fn is_report_name(name: &Path) -> bool {
    name.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn is_hidden(name: &OsString) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// One directory being listed: its remaining entries, sorted, in reverse (next one last).
struct Level {
    root: PathBuf,
    pending: Vec<(OsString, bool)>,
    found_any: bool,
}

pub struct Inputs {
    args: std::vec::IntoIter<OsString>,
    stack: Vec<Level>,
}

impl Inputs {
    pub fn new(args: Vec<OsString>) -> Self {
        Inputs { args: args.into_iter(), stack: Vec::new() }
    }

    /// Lists `dir` onto the stack, or gives the problem.
    fn enter(&mut self, dir: PathBuf) -> Option<Input> {
        let listing = match fs::read_dir(&dir) {
            Ok(l) => l,
            Err(e) => {
                return Some(Input::Problem {
                    message: format!("无法读取目录 / cannot list directory: {e}"),
                    path: dir,
                })
            }
        };
        let mut pending = Vec::new();
        for entry in listing {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    return Some(Input::Problem {
                        message: format!("无法读取目录 / cannot list directory: {e}"),
                        path: dir,
                    })
                }
            };
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            // `file_type` does not follow symbolic links: a link to a directory is not entered.
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir || is_report_name(Path::new(&name)) {
                pending.push((name, is_dir));
            }
        }
        pending.sort_unstable_by(|a, b| b.0.cmp(&a.0));
        self.stack.push(Level { root: dir, pending, found_any: false });
        None
    }
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(level) = self.stack.last_mut() {
                match level.pending.pop() {
                    Some((name, true)) => {
                        let dir = level.root.join(name);
                        if let Some(problem) = self.enter(dir) {
                            return Some(problem);
                        }
                    }
                    Some((name, false)) => {
                        level.found_any = true;
                        return Some(Input::File(level.root.join(name)));
                    }
                    None => {
                        let done = self.stack.pop()?;
                        if let Some(parent) = self.stack.last_mut() {
                            parent.found_any |= done.found_any;
                        } else if !done.found_any {
                            let exts = REPORT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" ");
                            return Some(Input::Problem {
                                path: done.root,
                                message: format!("目录中没有报告文件 / no report files ({exts}) in this directory"),
                            });
                        }
                    }
                }
                continue;
            }
            let arg = self.args.next()?;
            if arg == "-" {
                return Some(Input::Stdin);
            }
            let path = PathBuf::from(arg);
            if path.is_dir() {
                if let Some(problem) = self.enter(path) {
                    return Some(problem);
                }
                continue;
            }
            return Some(Input::File(path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str, files: &[&str]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("nianbao-inputs-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for f in files {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            if f.ends_with('/') {
                fs::create_dir_all(&p).unwrap();
            } else {
                fs::write(&p, "x").unwrap();
            }
        }
        root
    }

    fn names(root: &Path, inputs: Inputs) -> Vec<String> {
        inputs
            .map(|i| match i {
                Input::File(p) => p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                Input::Stdin => "-".into(),
                Input::Problem { path, .. } => {
                    format!("problem:{}", path.strip_prefix(root).unwrap_or(&path).display())
                }
            })
            .collect()
    }

    #[test]
    fn walks_sorted_picks_reports_skips_hidden() {
        let root = tree(
            "walk",
            &[
                "b.txt",
                "a.HTML",
                "c.pdf",
                "d.xlsx",
                "sub/z.md",
                "sub/r.DOCX",
                "sub/a.htm",
                ".git/x.txt",
                ".hidden.txt",
                "sub/deeper/y.txt",
                "empty/",
            ],
        );
        let got = names(&root, Inputs::new(vec![root.clone().into_os_string()]));
        assert_eq!(got, ["a.HTML", "b.txt", "c.pdf", "sub/a.htm", "sub/deeper/y.txt", "sub/r.DOCX", "sub/z.md"]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn arguments_keep_their_order_and_named_files_are_always_taken() {
        let root = tree("args", &["x.pdf", "d/b.txt", "d/a.txt"]);
        let args = vec![
            root.join("x.pdf").into_os_string(),
            "-".into(),
            root.join("d").into_os_string(),
            root.join("missing.txt").into_os_string(),
        ];
        assert_eq!(names(&root, Inputs::new(args)), ["x.pdf", "-", "d/a.txt", "d/b.txt", "missing.txt"]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_directory_without_reports_is_a_problem() {
        let root = tree("none", &["only.xlsx", "sub/also.png"]);
        assert_eq!(names(&root, Inputs::new(vec![root.clone().into_os_string()])), ["problem:"]);
        fs::remove_dir_all(&root).unwrap();
    }
}

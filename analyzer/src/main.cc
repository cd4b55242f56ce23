// weft-vet: a lint for concurrency bugs in C++ that uses weft or std:: threads.
// Exit status: 0 no findings, 1 findings, 2 the tool could not do its job (bad option, missing
// file, no compile command, a translation unit that does not compile).
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/Regex.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "apply_fixes.h"
#include "baseline.h"
#include "weft_vet/check.h"
#include "check_filter.h"
#include "config.h"
#include "database_check.h"
#include "did_you_mean.h"
#include "export_fixes.h"
#include "output.h"
#include "progress.h"
#include "summary_store.h"
#include "weft_vet/reporter.h"
#include "weft_vet/tu_context.h"
#include "user_code_action.h"
#include "weft/version.h"

namespace cl = llvm::cl;
using namespace weft::vet;

namespace {

cl::OptionCategory category("weft-vet options");
cl::list<std::string> files(cl::Positional, cl::desc("<source files or folders>"), cl::cat(category));
cl::opt<std::string> build_dir("p", cl::desc("build folder with compile_commands.json"),
                               cl::value_desc("dir"), cl::Prefix, cl::cat(category));
cl::list<std::string> extra_args("extra-arg", cl::desc("add an argument to every compile command"),
                                 cl::cat(category));
cl::list<std::string> extra_args_before(
    "extra-arg-before", cl::desc("add an argument at the front of every compile command"),
    cl::cat(category));
cl::opt<std::string> checks_opt("checks",
                                cl::desc("checks to run, as globs: '-*,weft-thread-*' "
                                         "(after .weft-vet.yaml's Checks:; default every check "
                                         "but the opt-in weft-bare-lock-unlock)"),
                                cl::cat(category));
cl::opt<bool> list_checks("list-checks", cl::desc("list the enabled checks and exit"),
                          cl::cat(category));
cl::opt<std::string> explain("explain", cl::desc("print a check's documentation and exit"),
                             cl::value_desc("check"), cl::cat(category));
cl::opt<std::string> format("format", cl::desc("output: text (default), json or sarif"),
                            cl::init("text"), cl::cat(category));
cl::opt<std::string> summaries_dir(
    "summaries",
    cl::desc("keep the whole-codebase checks' summary of every file analysed in this folder, and "
             "read those of the files not analysed in this run: linting only changed files "
             "still sees lock-order cycles with the rest (fill it with one run over everything)"),
    cl::value_desc("dir"), cl::cat(category));
cl::opt<std::string> help_uri(
    "help-uri",
    cl::desc("sarif: link each rule to its documentation at this URI, where {check} is the "
             "check's name (weft-thread-not-joined) and {folder} its folder in checkers/ "
             "(thread-not-joined); every rule embeds its README as help either way"),
    cl::value_desc("template"), cl::cat(category));
cl::opt<unsigned> jobs("j", cl::desc("translation units analysed in parallel (default: cores)"),
                       cl::init(0), cl::Prefix, cl::cat(category));
cl::opt<std::string> config_file("config-file",
                                 cl::desc("read the configuration from this file instead of the "
                                          "nearest .weft-vet.yaml (same format as .clang-tidy)"),
                                 cl::value_desc("file"), cl::cat(category));
cl::opt<bool> dump_config("dump-config",
                          cl::desc("print the configuration that applies (to the first file named, "
                                   "else the current folder) and exit"),
                          cl::cat(category));
cl::opt<std::string> header_filter(
    "header-filter",
    cl::desc("report findings in headers only when the header's path matches this regular "
             "expression (default: every header that is not a system header)"),
    cl::value_desc("regex"), cl::cat(category));
cl::opt<std::string> exclude_header_filter(
    "exclude-header-filter",
    cl::desc("never report findings in headers whose path matches this regular expression "
             "(third-party code)"),
    cl::value_desc("regex"), cl::cat(category));
cl::opt<std::string> warnings_as_errors(
    "warnings-as-errors", cl::desc("show the findings of these checks (globs) as errors"),
    cl::value_desc("globs"), cl::cat(category));
cl::opt<std::string> export_fixes("export-fixes",
                                  cl::desc("write the fixes as YAML for clang-apply-replacements"),
                                  cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> baseline_path("baseline", cl::desc("hide the findings listed in this file"),
                                   cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> write_baseline("write-baseline",
                                    cl::desc("write every finding to this file as a baseline"),
                                    cl::value_desc("file"), cl::cat(category));
cl::opt<bool> quiet("quiet", cl::desc("no summary line and no progress lines on stderr"),
                    cl::cat(category));
cl::opt<bool> fix("fix",
                  cl::desc("write the fixes that checks mark safe into the files; the exit "
                           "status then counts only the findings left unfixed"),
                  cl::cat(category));

constexpr const char* kOverview = R"(weft-vet: finds concurrency bugs in C++ code that uses weft or std:: threads

  weft-vet -p build src/server.cc          analyse files with their compile commands
  weft-vet -p build                        analyse every file in compile_commands.json
  weft-vet -p build src/ lib/net/          analyse the database's files under these folders
  weft-vet file.cc -- -std=c++20 -Iinclude flags given on the command line instead
  weft-vet --list-checks | --explain weft-thread-not-joined

Exit status: 0 no findings, 1 findings, 2 the tool could not do its job.
Suppress one finding with // NOLINT(weft-<check>) on its line, or // NOLINTNEXTLINE(...).
--fix writes the fixes checks mark safe (shown as "fix (--fix):" lines) into the files.
)";

[[noreturn]] void fail(const std::string& message) {
  llvm::errs() << "weft-vet: error: " << message << "\n";
  std::exit(2);
}

std::string absolute(const std::string& path) {
  llvm::SmallString<256> p(path);
  llvm::sys::fs::make_absolute(p);
  llvm::sys::path::remove_dots(p, true);
  return std::string(p);
}

// Options are matched by their whole name: LLVM's parser would otherwise read an unknown
// '--header-whatever' as '-h' and print the help, so a CI step with a mistyped flag would pass
// having analysed nothing. Only the one-letter value options (-p, -j) take their value glued on.
void reject_unknown_options(int argc, const char** argv) {
  auto& registered = cl::getRegisteredOptions();
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;
    const llvm::StringRef name = arg.ltrim('-').split('=').first;
    if (registered.count(name) != 0) continue;
    if (!name.empty() && (name[0] == 'p' || name[0] == 'j') && arg[1] != '-') continue;  // -j4
    std::vector<std::string> visible;
    for (const auto& [key, option] : registered) {
      if (option->getOptionHiddenFlag() == cl::NotHidden) visible.push_back(key.str());
    }
    const std::string best = nearest_name(std::string_view(name), visible, 4);
    fail("unknown option '" + arg.split('=').first.str() + "'" +
         (best.empty() ? "" : " (did you mean '--" + best + "'?)") + "; weft-vet --help lists them");
  }
}

// The compile commands: from `-- flags` on the command line, from -p, or from a
// compile_commands.json found above the first file. A JSON database is read whole first: a
// truncated or malformed one is an error, not a database with entries silently missing.
std::unique_ptr<clang::tooling::CompilationDatabase> load_database(int& argc, const char** argv) {
  std::string error;
  auto fixed = clang::tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv, error);
  if (!error.empty()) fail(error);
  cl::HideUnrelatedOptions(category);
  cl::SetVersionPrinter([](llvm::raw_ostream& out) {
    out << "weft-vet (weft " << WEFT_VERSION_STRING << ", Clang/LLVM " << LLVM_VERSION_STRING
        << ")\n";
  });
  reject_unknown_options(argc, argv);
  if (!cl::ParseCommandLineOptions(argc, argv, kOverview, &llvm::errs())) std::exit(2);
  if (fixed) {
    if (!build_dir.empty()) fail("give -p or '-- <flags>', not both");
    return fixed;
  }
  if (!build_dir.empty()) {
    if (!llvm::sys::fs::is_directory(build_dir)) fail("-p " + build_dir + ": no such folder");
    if (std::string e = json_database_error(build_dir); !e.empty()) fail(e);
    auto db = clang::tooling::CompilationDatabase::loadFromDirectory(build_dir, error);
    if (!db) fail("cannot load a compilation database from '" + build_dir + "': " + error);
    return db;
  }
  if (!files.empty()) {
    if (std::string e = json_database_error_above(absolute(files[0])); !e.empty()) fail(e);
    auto db = clang::tooling::CompilationDatabase::autoDetectFromSource(absolute(files[0]), error);
    if (db) return db;
  }
  return nullptr;
}

struct Outcome {
  std::vector<Finding> findings;
  std::vector<std::string> failed;  // files it could not analyse, with why
  // Whole-codebase checks: each TU's summary, by check, and the TU's source beside it.
  std::map<const CheckInfo*, std::vector<std::unique_ptr<TuSummary>>> summaries;
  std::map<const CheckInfo*, std::vector<std::string>> summary_sources;
  std::vector<std::string> store_errors;  // --summaries files that could not be read or written
  std::set<std::string> analysed;         // the sources analysed in this run
};

std::vector<std::string> check_names() {
  std::vector<std::string> names;
  for (const CheckInfo& c : all_checks()) names.emplace_back(c.name);
  return names;
}

// What applies to one file: its configuration file's settings, then the command line's.
struct Settings {
  std::string checks;
  std::string warnings_as_errors;
  std::string header_filter;
  std::string exclude_header_filter;
  std::string config_path;
  std::string error;  // why the settings are unusable ("" when they are fine)
};

Settings settings_for(const std::string& file) {
  Settings s;
  const Config config = !config_file.empty() ? load_config(config_file) : find_config(file);
  s.config_path = config.path;
  if (!config.error.empty()) {
    s.error = config.error;
    return s;
  }
  const std::vector<std::string> names = check_names();
  s.checks = default_checks();
  if (config.checks) {
    if (std::string e = check_globs_error(*config.checks, names, config.path + ": Checks");
        !e.empty()) {
      s.error = e;
      return s;
    }
    s.checks = *config.checks;
  }
  if (!checks_opt.empty()) s.checks += "," + checks_opt;
  s.warnings_as_errors = !warnings_as_errors.empty() ? warnings_as_errors.getValue()
                                                     : config.warnings_as_errors.value_or("");
  if (warnings_as_errors.empty() && config.warnings_as_errors) {  // the command line's: in main
    if (std::string e = check_globs_error(s.warnings_as_errors, names,
                                          config.path + ": WarningsAsErrors");
        !e.empty()) {
      s.error = e;
      return s;
    }
  }
  s.header_filter = !header_filter.empty() ? header_filter.getValue()
                                           : config.header_filter.value_or("");
  s.exclude_header_filter = !exclude_header_filter.empty()
                                ? exclude_header_filter.getValue()
                                : config.exclude_header_filter.value_or("");
  for (const std::string* re : {&s.header_filter, &s.exclude_header_filter}) {
    std::string why;
    if (!re->empty() && !llvm::Regex(*re).isValid(why)) {
      s.error = "'" + *re + "' is not a regular expression: " + why;
      return s;
    }
  }
  return s;
}

// Keeps a finding in a header only if the header filters let it through.
bool header_shown(const Settings& s, const std::string& main_file, const Finding& f) {
  if (f.place.file == main_file) return true;
  if (!s.header_filter.empty() && !llvm::Regex(s.header_filter).match(f.place.file)) return false;
  if (!s.exclude_header_filter.empty() && llvm::Regex(s.exclude_header_filter).match(f.place.file)) {
    return false;
  }
  return true;
}

void analyse(const std::string& file, const clang::tooling::CompilationDatabase& db, Outcome& out,
             std::mutex& mu) {
  auto failed = [&](const std::string& why) {
    std::lock_guard g(mu);
    out.failed.push_back(file + ": " + why);
  };
  const Settings settings = settings_for(file);
  if (!settings.error.empty()) return failed(settings.error);
  const CheckFilter filter(settings.checks);
  const CheckFilter as_errors(settings.warnings_as_errors);
  // A compile command whose folder is gone would make clang abort the whole run.
  for (const clang::tooling::CompileCommand& c : db.getCompileCommands(file)) {
    if (!llvm::sys::fs::is_directory(c.Directory)) {
      return failed("its compile command's directory '" + c.Directory + "' does not exist");
    }
  }

  Reporter reporter;
  TuContext tu(reporter);  // what this TU's checks share; dropped with it
  clang::ast_matchers::MatchFinder finder;
  std::vector<std::unique_ptr<Check>> checks;
  std::vector<const CheckInfo*> infos;
  for (const CheckInfo& info : all_checks()) {
    if (!filter.enabled(info.name)) continue;
    infos.push_back(&info);
    checks.push_back(info.row->make(tu));
    checks.back()->bind_name(info.name);
    checks.back()->register_matchers(finder);
  }
  // Each TU gets a file system of its own, with its own working folder: the real one's is the
  // process's, and TUs analysed in parallel from different folders would change it under each
  // other (relative -I paths then fail at random).
  clang::tooling::ClangTool tool(db, {file}, std::make_shared<clang::PCHContainerOperations>(),
                                 llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
                                     llvm::vfs::createPhysicalFileSystem().release()));
  tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      {"-resource-dir=" WEFT_CLANG_RESOURCE_DIR, "-w"},
      clang::tooling::ArgumentInsertPosition::BEGIN));
  if (!extra_args_before.empty()) {
    tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        std::vector<std::string>(extra_args_before.begin(), extra_args_before.end()),
        clang::tooling::ArgumentInsertPosition::BEGIN));
  }
  if (!extra_args.empty()) {
    tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        std::vector<std::string>(extra_args.begin(), extra_args.end()),
        clang::tooling::ArgumentInsertPosition::END));
  }
  const int status = tool.run(match_user_code(finder, tu).get());
  if (status != 0) return failed("it does not compile (clang's errors are above)");
  std::lock_guard g(mu);
  for (Finding& f : reporter.take()) {
    if (!header_shown(settings, file, f)) continue;
    f.error = as_errors.enabled(f.check);
    out.findings.push_back(std::move(f));
  }
  out.analysed.insert(file);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    out.summaries[infos[i]];  // the check ran: its whole-codebase step runs, even with no summary
    if (auto summary = checks[i]->end_translation_unit()) {
      out.summaries[infos[i]].push_back(std::move(summary));
      out.summary_sources[infos[i]].push_back(file);
    }
  }
}

// The files to analyse: each file named, and for each folder named every file of the database
// under it (in the database's order).
std::vector<std::string> expand_sources(const std::vector<std::string>& named,
                                        const std::vector<std::string>& listed) {
  std::vector<std::string> sources;
  for (const std::string& f : named) {
    if (!llvm::sys::fs::exists(f)) fail("no such file or folder: " + f);
    if (!llvm::sys::fs::is_directory(f)) {
      sources.push_back(absolute(f));
      continue;
    }
    std::string folder = absolute(f);
    while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    folder += '/';
    const std::size_t before = sources.size();
    for (const std::string& l : listed) {
      if (l.rfind(folder, 0) == 0) sources.push_back(l);
    }
    if (sources.size() == before) fail("the compilation database lists no file under " + f);
  }
  return sources;
}

}  // namespace

int main(int argc, const char** argv) {
  auto db = load_database(argc, argv);

  const std::vector<std::string> names = check_names();
  if (std::string e = check_globs_error(checks_opt, names, "--checks"); !e.empty()) fail(e);
  if (std::string e = check_globs_error(warnings_as_errors, names, "--warnings-as-errors");
      !e.empty()) {
    fail(e);
  }
  if (!export_fixes.empty() && llvm::sys::fs::is_directory(export_fixes)) {
    fail("--export-fixes " + export_fixes + " is a folder, not a file");
  }
  if (list_checks || dump_config) {
    // The settings of the first file named, else of a file in the current folder.
    const Settings settings = settings_for(files.empty() ? absolute("weft-vet") : absolute(files[0]));
    if (!settings.error.empty()) fail(settings.error);
    if (dump_config) {
      llvm::outs() << "# weft-vet's settings"
                   << (settings.config_path.empty() ? "" : " (from " + settings.config_path + " and the command line)")
                   << "\n---\nChecks: '" << settings.checks << "'\nWarningsAsErrors: '"
                   << settings.warnings_as_errors << "'\nHeaderFilterRegex: '" << settings.header_filter
                   << "'\nExcludeHeaderFilterRegex: '" << settings.exclude_header_filter << "'\n...\n";
      return 0;
    }
    const CheckFilter filter(settings.checks);
    for (const CheckInfo& c : all_checks()) {
      if (filter.enabled(c.name)) llvm::outs() << c.name << "\t" << c.summary << "\n";
    }
    return 0;
  }
  if (!explain.empty()) {
    for (const CheckInfo& c : all_checks()) {
      if (explain == c.name || "weft-" + explain == c.name) {
        llvm::outs() << c.readme;
        return 0;
      }
    }
    fail("no check named '" + explain + "' (weft-vet --list-checks shows them)");
  }
  if (format != "text" && format != "json" && format != "sarif") {
    fail("--format is text, json or sarif, not '" + format + "'");
  }
  if (help_uri.getNumOccurrences() > 0) {
    if (format != "sarif") fail("--help-uri is for --format=sarif");
    if (help_uri.find("{check}") == std::string::npos &&
        help_uri.find("{folder}") == std::string::npos) {
      fail("--help-uri '" + help_uri + "' names no {check} or {folder}: every rule would link "
           "to the same page");
    }
  }

  if (!db) {
    fail(files.empty() ? "nothing to analyse: name source files, and give -p <build dir> or "
                         "'-- <compile flags>'"
                       : "no compile_commands.json found above " + files[0] +
                             ": give -p <build dir> or '-- <compile flags>'");
  }
  // A JSON database guesses commands for files it does not list; weft-vet wants the real one.
  const std::vector<std::string> listed_files = db->getAllFiles();
  const std::set<std::string> listed(listed_files.begin(), listed_files.end());
  std::vector<std::string> sources = expand_sources(files, listed_files);
  if (sources.empty()) {
    sources = listed_files;
    if (sources.empty()) fail("the compilation database lists no files");
  }
  for (const std::string& f : sources) {
    if (db->getCompileCommands(f).empty() || (!listed.empty() && listed.count(f) == 0)) {
      fail("no compile command for " + f + " in the compilation database");
    }
  }

  SummaryStore store;
  if (!summaries_dir.empty()) {
    if (std::string e = store.open(summaries_dir); !e.empty()) fail(e);
  }

  Baseline baseline;
  if (!baseline_path.empty()) {
    if (std::string e = baseline.load(baseline_path); !e.empty()) fail(e);
  }

  Outcome outcome;
  std::mutex mu;
  std::atomic<std::size_t> next{0};
  unsigned n = jobs != 0 ? jobs.getValue() : std::max(1u, std::thread::hardware_concurrency());
  n = std::min<unsigned>(n, static_cast<unsigned>(sources.size()));
  std::vector<std::thread> workers;
  Progress progress(!quiet, sources.size());
  for (unsigned w = 0; w < n; ++w) {
    workers.emplace_back([&] {
      for (std::size_t i; (i = next++) < sources.size();) {
        analyse(sources[i], *db, outcome, mu);
        std::size_t findings = 0;
        {
          std::lock_guard g(mu);
          findings = outcome.findings.size();
        }
        progress.file_done(findings);
      }
    });
  }
  for (auto& t : workers) t.join();
  // The whole-codebase checks, over every TU's summary (and, with --summaries, those kept of
  // the files not analysed now: then only findings that touch a file analysed now are shown).
  for (auto& [info, summaries] : outcome.summaries) {
    if (info->row->finish == nullptr) continue;
    std::set<std::string> fresh_files;
    bool stored = false;
    if (!summaries_dir.empty() && info->row->load != nullptr) {
      const std::vector<std::string>& sources = outcome.summary_sources[info];
      for (std::size_t i = 0; i < summaries.size(); ++i) {
        const llvm::json::Value json = summaries[i]->to_json();
        files_in(json, &fresh_files);
        fresh_files.insert(sources[i]);
        if (std::string e = store.write(info->name, sources[i], *summaries[i]); !e.empty()) {
          outcome.store_errors.push_back("cannot write " + e);
        }
      }
      // A file analysed now that left no summary (nothing it locks any more) forgets its old one.
      for (const std::string& source : outcome.analysed) {
        if (std::find(sources.begin(), sources.end(), source) == sources.end()) {
          store.forget(info->name, source);
        }
      }
      std::vector<std::string> errors;
      for (StoredSummary& s : store.load(*info->row, outcome.analysed, &errors)) {
        summaries.push_back(std::move(s.summary));
        stored = true;
      }
      for (std::string& e : errors) outcome.store_errors.push_back(std::move(e));
    }
    for (Finding& f : info->row->finish(summaries)) {
      const bool touches_fresh =
          !stored || fresh_files.count(f.place.file) != 0 ||
          std::any_of(f.notes.begin(), f.notes.end(),
                      [&](const Note& n) { return fresh_files.count(n.place.file) != 0; });
      if (touches_fresh) outcome.findings.push_back(std::move(f));
    }
  }

  // A finding in a header seen from several translation units is reported once.
  std::sort(outcome.findings.begin(), outcome.findings.end());
  outcome.findings.erase(std::unique(outcome.findings.begin(), outcome.findings.end()),
                         outcome.findings.end());
  if (!write_baseline.empty()) {
    if (std::string e = Baseline::write(write_baseline, outcome.findings); !e.empty()) fail(e);
  }
  std::vector<Finding> shown;
  std::size_t hidden = 0;
  for (const Finding& f : outcome.findings) {
    if (!baseline_path.empty() && baseline.contains(f)) {
      ++hidden;
    } else {
      shown.push_back(f);
    }
  }

  std::size_t unfixed = shown.size();
  bool fix_failed = false;
  if (fix) {
    const FixResult fixed = apply_fixes(shown);
    unfixed = static_cast<std::size_t>(std::count(fixed.fixed.begin(), fixed.fixed.end(), false));
    for (const std::string& e : fixed.errors) llvm::errs() << "weft-vet: error: --fix: " << e << "\n";
    if (!quiet || !fixed.errors.empty()) {
      const std::size_t fixed_count = shown.size() - unfixed;
      llvm::errs() << "weft-vet: --fix fixed " << fixed_count << " finding" << (fixed_count == 1 ? "" : "s") << " in "
                   << fixed.files << " file" << (fixed.files == 1 ? "" : "s") << "\n";
    }
    fix_failed = !fixed.errors.empty();
  }

  if (!export_fixes.empty()) {
    if (std::string e = write_fixes_yaml(export_fixes, shown); !e.empty()) fail(e);
  }
  if (format == "json") {
    write_json(llvm::outs(), shown);
  } else if (format == "sarif") {
    write_sarif(llvm::outs(), shown, all_checks(), absolute("."), help_uri);
  } else {
    write_text(llvm::outs(), shown, llvm::sys::Process::StandardOutHasColors());
  }
  llvm::outs().flush();
  for (const std::string& f : outcome.failed) llvm::errs() << "weft-vet: error: could not analyse " << f << "\n";
  for (const std::string& e : outcome.store_errors) llvm::errs() << "weft-vet: error: --summaries: " << e << "\n";
  if (!quiet) {
    std::map<std::string, int> by_check;
    for (const Finding& f : shown) ++by_check[f.check];
    llvm::errs() << "weft-vet: " << shown.size() << " finding" << (shown.size() == 1 ? "" : "s")
                 << " in " << sources.size() << " file" << (sources.size() == 1 ? "" : "s");
    if (hidden != 0) llvm::errs() << " (" << hidden << " more hidden by the baseline)";
    for (const auto& [check, count] : by_check) llvm::errs() << "; " << check << ": " << count;
    if (!outcome.failed.empty()) llvm::errs() << "; " << outcome.failed.size() << " not analysed";
    llvm::errs() << "\n";
  }
  if (!outcome.failed.empty() || !outcome.store_errors.empty() || fix_failed) return 2;
  return unfixed == 0 ? 0 : 1;
}

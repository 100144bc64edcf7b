// retort-cli heads / history / plan: the revision graph and Alembic's step order, headless.
// Output shapes are the DESIGN.md contract (tests/differential compares them with Alembic).

#include "cli/Cli.h"
#include "cli/ProjectOptions.h"
#include "cli/RevisionText.h"
#include "core/alembic/HeadsCache.h"
#include "core/alembic/ProjectScanner.h"
#include "core/common/Prefetch.h"
#include "core/db/DatabaseUrl.h"
#include "core/db/VersionTable.h"
#include "core/exec/AlembicLoader.h"
#include "core/graph/HistoryRange.h"
#include "core/graph/Planner.h"
#include "core/graph/RevisionGraph.h"
#include "core/graph/RevisionSpec.h"
#include "core/log/Log.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonValue>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace retort::cli {

namespace {


QString commaJoin(const QStringList& items)
{
    return items.join(QStringLiteral(", "));
}

// `-v`/`--verbose` after these commands is theirs (Alembic's verbose format), not the global one.
const QStringList kVerboseFlag{QStringLiteral("--verbose")};

int graphFailure(const Context& context, const Error& error)
{
    return context.fail(error, ExitBadInput);
}

// retort-cli exits right after its command: a graph of 10,000 revisions, the files it was built
// from and a plan of 10,000 steps (some 200,000 blocks of memory) are left for the operating
// system to reclaim instead of being freed block by block (~5 ms). Kept reachable from a static,
// so leak checkers do not report them.
template <typename T>
void keepUntilExit(T&& value)
{
    static auto* kept = new std::vector<std::shared_ptr<void>>();
    kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

// The project's graph as Alembic would accept it (ProjectLoader, Strict: a fatal problem is the
// Error, with Alembic's message; warnings and notes go to stderr). The graph takes the parsed
// files' strings instead of copying them. Revisions from the parse cache come with the text the
// output shows (ScanOptions::text): none for ids only, the message and create date for history.
// The snapshot is kept until the process exits (freeing 10,000 revisions costs ~2 ms).
Result<const RevisionGraph*> loadGraph(const Context& context, const ProjectSnapshot** snapshotOut = nullptr,
                                       CachedText text = CachedText::Full, const ProjectSurvey* survey = nullptr,
                                       std::optional<ProjectConfig> located = {})
{
    LoadRequest request = loadRequestFor(context);
    request.text = text;
    request.survey = survey;
    Result<std::shared_ptr<ProjectSnapshot>> snapshot =
        located ? loadForCommand(context, request, std::move(*located)) : loadForCommand(context, request);
    if (!snapshot)
        return snapshot.error();
    const ProjectSnapshot* kept = snapshot->get();
    keepUntilExit(std::move(snapshot).value());
    if (snapshotOut)
        *snapshotOut = kept;
    return &kept->graph;
}

// Whether `s` goes out byte for byte: printable ASCII (nearly everything: ids, labels, paths,
// messages) and, for JSON, free of '"' and '\\'.
bool isPlain(QStringView s, bool json)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u >= 0x7f || (json && (u == u'"' || u == u'\\')))
            return false;
    }
    return true;
}

// The characters of a plain string (isPlain) as bytes.
void narrow(QStringView s, char* out)
{
    for (const QChar c : s)
        *out++ = char(c.unicode());
}

// `s` as a JSON string without its quotes, byte for byte what QJsonDocument writes for it.
QByteArray jsonEscaped(const QString& s)
{
    const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return array.mid(2, array.size() - 4); // without [" and "]
}

// Buffered UTF-8 output to stdout for large listings: text goes out in 64 KB blocks as it is
// produced, never as one string of the whole output. Printable ASCII (nearly everything: ids,
// labels, paths, messages) is copied without a conversion; anything else goes through Qt.
class StdoutWriter
{
public:
    StdoutWriter() = default;
    ~StdoutWriter() { flush(); }
    StdoutWriter(const StdoutWriter&) = delete;
    StdoutWriter& operator=(const StdoutWriter&) = delete;

    void raw(const char* text, size_t size)
    {
        if (size > kBlock - m_used) {
            flush();
            if (size > kBlock) {
                std::fwrite(text, 1, size, stdout);
                return;
            }
        }
        std::memcpy(m_block + m_used, text, size);
        m_used += size;
    }
    void raw(QLatin1String text) { raw(text.data(), size_t(text.size())); }
    void raw(const QByteArray& bytes) { raw(bytes.constData(), size_t(bytes.size())); }
    void raw(char c)
    {
        if (m_used == kBlock)
            flush();
        m_block[m_used++] = c;
    }
    void text(QStringView s)
    {
        if (!copyPlain(s, false))
            raw(s.toUtf8());
    }
    // A JSON string, byte for byte what QJsonDocument writes for it.
    void jsonString(const QString& s)
    {
        raw('"');
        if (!copyPlain(s, true))
            raw(jsonEscaped(s));
        raw('"');
    }
    void jsonStrings(const QStringList& list)
    {
        raw('[');
        for (qsizetype k = 0; k < list.size(); ++k) {
            if (k > 0)
                raw(',');
            jsonString(list[k]);
        }
        raw(']');
    }
    void jsonBool(bool value) { raw(value ? QLatin1String("true") : QLatin1String("false")); }
    void flush()
    {
        if (m_used > 0)
            std::fwrite(m_block, 1, m_used, stdout);
        m_used = 0;
        std::fflush(stdout);
    }

private:
    static constexpr size_t kBlock = 64 * 1024;
    // Copies `s` when it is printable ASCII (and, for JSON, free of '"' and '\\'); otherwise
    // writes nothing and returns false.
    bool copyPlain(QStringView s, bool json)
    {
        const size_t size = size_t(s.size());
        if (size > kBlock - m_used) {
            flush();
            if (size > kBlock)
                return false;
        }
        if (!isPlain(s, json))
            return false;
        narrow(s, m_block + m_used);
        m_used += size;
        return true;
    }
    char m_block[kBlock];
    size_t m_used = 0;
};

// Revision ids as JSON strings (quotes included), each encoded once: a plan names every step's
// revision and, in version_after, the rows after it (10,000 steps: some 40,000 ids).
class JsonIds
{
public:
    explicit JsonIds(const RevisionGraph& graph)
        : m_graph(graph), m_start(size_t(graph.size()), -1), m_size(size_t(graph.size()), 0)
    {
        m_bytes.reserve(size_t(graph.size()) * 16); // 12-character ids and their quotes
    }
    void write(StdoutWriter& out, int revision)
    {
        if (m_start[size_t(revision)] < 0)
            encode(revision);
        out.raw(m_bytes.data() + m_start[size_t(revision)], size_t(m_size[size_t(revision)]));
    }

private:
    void encode(int revision)
    {
        const QString& id = m_graph.at(revision).id;
        const size_t start = m_bytes.size();
        if (isPlain(id, true)) {
            m_bytes.resize(start + size_t(id.size()) + 2);
            m_bytes[start] = '"';
            narrow(id, m_bytes.data() + start + 1);
            m_bytes.back() = '"';
        } else {
            const QByteArray escaped = jsonEscaped(id);
            m_bytes.push_back('"');
            m_bytes.append(escaped.constData(), size_t(escaped.size()));
            m_bytes.push_back('"');
        }
        m_start[size_t(revision)] = qsizetype(start);
        m_size[size_t(revision)] = int(m_bytes.size() - start);
    }

    const RevisionGraph& m_graph;
    std::string m_bytes;
    std::vector<qsizetype> m_start; // in m_bytes, -1: not encoded yet
    std::vector<int> m_size;
};

// The same label list is shared by thousands of revisions (inherited labels): each distinct list
// is formatted once.
class LabelCache
{
public:
    const QByteArray& json(const QStringList& labels)
    {
        auto it = m_json.find(labels.constData());
        if (it == m_json.end()) {
            QByteArray bytes = QJsonDocument(QJsonArray::fromStringList(labels)).toJson(QJsonDocument::Compact);
            it = m_json.insert(labels.constData(), bytes);
        }
        return it.value();
    }
    const QByteArray& text(const QStringList& labels)
    {
        auto it = m_text.find(labels.constData());
        if (it == m_text.end())
            it = m_text.insert(labels.constData(), labels.join(QStringLiteral(", ")).toUtf8());
        return it.value();
    }

private:
    QHash<const QString*, QByteArray> m_json, m_text;
};

// ---------------------------------------------------------------------------------- heads

// `alembic heads`: ScriptDirectory.get_heads(), the revisions no down_revision names, in map order.
QVector<HeadsCache::Head> headsOf(const RevisionGraph& graph)
{
    QVector<HeadsCache::Head> heads;
    for (int h : graph.heads()) {
        const Revision& r = graph.at(h);
        heads.push_back(HeadsCache::Head { r.id, r.allBranchLabels, r.isRealHead });
    }
    return heads;
}

void printHeads(const Context& context, const QVector<HeadsCache::Head>& heads)
{
    if (context.json()) {
        QJsonArray ids;
        for (const HeadsCache::Head& h : heads)
            ids.append(h.id);
        context.printJson(QJsonObject{{QStringLiteral("heads"), ids}});
        return;
    }
    QString text;
    for (const HeadsCache::Head& h : heads) {
        text += h.id;
        if (!h.branchLabels.isEmpty())
            text += QStringLiteral(" (") + commaJoin(h.branchLabels) + QLatin1Char(')');
        text += headMarker(/*isHead=*/true, h.isRealHead) + QLatin1Char('\n');
    }
    if (!text.isEmpty())
        context.out(text);
}

int runHeads(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {}, kVerboseFlag);
    if (!parsed)
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(QStringLiteral("heads takes no arguments (got '%1')").arg(parsed->positionals().first()));
    if (parsed->has(QStringLiteral("--verbose")) && !context.json()) {
        // `alembic heads --verbose`: each head's log entry.
        const Result<const RevisionGraph*> graph = loadGraph(context);
        if (!graph)
            return graphFailure(context, graph.error());
        QString text;
        for (int h : (*graph)->heads())
            text += logEntry(**graph, (*graph)->at(h)) + QLatin1Char('\n');
        if (!text.isEmpty())
            context.out(text);
        return ExitOk;
    }

    const QString cacheDir = ParseCache::isEnabled() ? HeadsCache::defaultDirectory() : QString();
    if (cacheDir.isEmpty()) {
        const Result<const RevisionGraph*> graph = loadGraph(context, nullptr, CachedText::None);
        if (!graph)
            return graphFailure(context, graph.error());
        printHeads(context, headsOf(**graph));
        return ExitOk;
    }

    // The heads cache (docs/DESIGN-NOTES.md): stat every file; when none changed since the last
    // clean answer, that answer is this one. Otherwise the survey is handed on to the scan.
    Result<ProjectConfig> config = locateProjectFor(context);
    if (!config)
        return graphFailure(context, config.error());
    // One plain version location whose folder kept its stamp: the recorded listing stands in
    // for reading the folder again (only the files' stamps are taken), the heads file read once.
    ProjectSurvey survey;
    std::optional<HeadsCache::Lookup> recorded;
    if (const std::optional<ProjectSurvey> plain = ProjectScanner::plainLocation(*config))
        recorded = HeadsCache::lookupRecorded(HeadsCache::fileFor(cacheDir, *plain, config->alembic.version), *plain, &survey);
    if (!recorded)
        survey = ProjectScanner::survey(*config);
    const bool worth = HeadsCache::isWorthCaching(survey);
    const QString file = worth ? HeadsCache::fileFor(cacheDir, survey, config->alembic.version) : QString();
    const HeadsCache::Lookup cached = recorded ? *recorded : worth ? HeadsCache::lookup(file, survey) : HeadsCache::Lookup {};
    // An answer that needed Python's values for some files stands while the import it took them
    // from still holds (nothing the import read has changed, the same interpreter).
    if (cached.status == HeadsCache::Status::Hit
        && (cached.importRecord.isEmpty()
            || importStillHolds(*config, interpreterFor(context, {}), cached.importRecord))) {
        log::info(log::Area::Project, QStringLiteral("heads cache: %1 files unchanged, heads from %2")
                                          .arg(survey.files.size())
                                          .arg(file));
        if (!cached.note.isEmpty())
            context.warn(QStringLiteral("note: ") + cached.note);
        printHeads(context, cached.heads);
        return ExitOk;
    }
    // heads shows ids and labels only: no text from the parse cache.
    const ProjectSnapshot* snapshot = nullptr;
    const Result<const RevisionGraph*> graph = loadGraph(context, &snapshot, CachedText::None, &survey, std::move(config.value()));
    if (!graph)
        return graphFailure(context, graph.error());
    const QVector<HeadsCache::Head> heads = headsOf(**graph);
    printHeads(context, heads);
    // Only a clean answer is kept: no problem or note of any kind (it would not be repeated on a
    // hit), from the static files, or with the values of non-literal files remembered by the import
    // cache (its note is kept and repeated; a hit checks that the import still holds).
    const QString remembered = snapshot->project.rememberedImport;
    const bool onlyTheImportNote =
        !remembered.isEmpty() && snapshot->notes.size() == 1
        && std::all_of(snapshot->problems.cbegin(), snapshot->problems.cend(),
                       [](const Problem& p) { return p.code == QLatin1String("loaded-via-alembic"); });
    const bool clean = snapshot->problems.isEmpty() && !snapshot->resolvedWithPython;
    if (worth && (clean || onlyTheImportNote)
        && (cached.status == HeadsCache::Status::Miss || HeadsCache::wouldTrustIfSavedNow(survey)))
        HeadsCache::save(file, survey, heads,
                         clean ? HeadsCache::Extra{} : HeadsCache::Extra{remembered, snapshot->notes.constFirst()});
    return ExitOk;
}

// -------------------------------------------------------------------------------- history

// branch_labels: what `alembic history` shows, i.e. Script.branch_labels after
// RevisionMap._add_branches (declared labels plus those inherited along the branch), sorted.
// is_head / is_base / is_branch_point / is_merge_point: Alembic's Revision properties of the same
// name (down_revision edges only; is_head = listed by `alembic heads`).
// Written field by field in QJsonObject's (sorted) key order: the same bytes as a compact
// QJsonDocument of the object.
void writeRevisionJson(StdoutWriter& out, LabelCache& labels, const Revision& r)
{
    out.raw(QLatin1String("{\"branch_labels\":"));
    out.raw(labels.json(r.allBranchLabels));
    out.raw(QLatin1String(",\"create_date\":"));
    out.jsonString(r.createDate);
    out.raw(QLatin1String(",\"depends_on\":"));
    out.jsonStrings(r.dependsOn);
    out.raw(QLatin1String(",\"down_revisions\":"));
    out.jsonStrings(r.downRevisions);
    out.raw(QLatin1String(",\"is_base\":"));
    out.jsonBool(r.isBase);
    out.raw(QLatin1String(",\"is_branch_point\":"));
    out.jsonBool(r.isBranchPoint);
    out.raw(QLatin1String(",\"is_head\":"));
    out.jsonBool(r.isHead);
    out.raw(QLatin1String(",\"is_merge_point\":"));
    out.jsonBool(r.isMergePoint);
    out.raw(QLatin1String(",\"message\":"));
    out.jsonString(r.message);
    out.raw(QLatin1String(",\"path\":"));
    out.jsonString(r.path);
    out.raw(QLatin1String(",\"revision\":"));
    out.jsonString(r.id);
    out.raw('}');
}

// The parts of a revision's record a history line reads (the record spans several cache lines).
void prefetchRecord(const Revision& r)
{
    prefetch(&r.id);
    prefetch(&r.message);
    prefetch(&r.isHead);
}

void prefetchLineStrings(const Revision& r)
{
    prefetch(r.id.constData());
    prefetch(r.downRevisions.constData());
    prefetch(r.message.constData());
}

// One `alembic history` line (Script.cmd_format(verbose=False, include_branches=True,
// include_doc=True, include_parents=True)).
void writeHistoryLine(StdoutWriter& out, LabelCache& labels, const Revision& r)
{
    auto list = [&out](const QStringList& items) {
        for (qsizetype k = 0; k < items.size(); ++k) {
            if (k > 0)
                out.raw(QLatin1String(", "));
            out.text(items[k]);
        }
    };
    if (r.downRevisions.isEmpty())
        out.raw(QLatin1String("<base>"));
    else
        list(r.downRevisions);
    if (!r.dependsOn.isEmpty()) {
        out.raw(QLatin1String(" ("));
        list(r.dependsOn);
        out.raw(')');
    }
    out.raw(QLatin1String(" -> "));
    out.text(r.id);
    if (!r.allBranchLabels.isEmpty()) {
        out.raw(QLatin1String(" ("));
        out.raw(labels.text(r.allBranchLabels));
        out.raw(')');
    }
    out.text(headMarker(r));
    if (r.isBranchPoint)
        out.raw(QLatin1String(" (branchpoint)"));
    if (r.isMergePoint)
        out.raw(QLatin1String(" (mergepoint)"));
    out.raw(QLatin1String(", "));
    out.text(r.message);
    out.raw('\n');
}

int runHistory(Context& context, const QStringList& rawArgs)
{
    QStringList args;
    for (const QString& arg : rawArgs) {
        if (arg == QLatin1String("-r"))
            args << QStringLiteral("--rev-range");
        else if (arg.startsWith(QLatin1String("-r")) && !arg.startsWith(QLatin1String("--")))
            args << QStringLiteral("--rev-range=") + arg.mid(arg.startsWith(QLatin1String("-r=")) ? 3 : 2); // -r-3: / -r=-3:
        else
            args << arg;
    }
    const auto parsed = Args::parse(args, {QStringLiteral("--rev-range")}, kVerboseFlag);
    if (!parsed)
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(QStringLiteral("history takes no arguments (got '%1'); give a range with -r START:END")
                                 .arg(parsed->positionals().first()));
    const bool verbose = parsed->has(QStringLiteral("--verbose"));
    // A line (and a JSON entry) shows the message and the create date; the verbose entry the docstring.
    const Result<const RevisionGraph*> loaded = loadGraph(context, nullptr, verbose ? CachedText::Full : CachedText::Summary);
    if (!loaded)
        return graphFailure(context, loaded.error());
    const RevisionGraph* graph = *loaded;

    QVector<int> order;
    if (parsed->has(QStringLiteral("--rev-range"))) {
        const QString range = parsed->value(QStringLiteral("--rev-range"));
        if (range.split(QLatin1Char(':')).contains(QStringLiteral("current")))
            return context.fail(Error{QStringLiteral("usage"),
                                      QStringLiteral("history ranges with 'current' are not supported: Retort reads the "
                                                     "history without running env.py"),
                                      QStringLiteral("Find the database's revision with retort-cli current --url URL and use it in the range."),
                                      {}, 0},
                                ExitBadInput);
        Result<QVector<int>> ranged = HistoryRange::walk(*graph, range);
        if (!ranged)
            return context.fail(ranged.error(), ranged.error().code == QLatin1String("alembic-crash") ? ExitFailed : ExitBadInput);
        order = *ranged;
    } else {
        order = graph->historyOrder();
    }
    StdoutWriter out;
    LabelCache labels;
    if (context.json()) {
        // Streamed one revision at a time: the same bytes as one compact QJsonDocument, without a
        // JSON tree or a string of the whole history.
        out.raw(QLatin1String("{\"revisions\":["));
        for (qsizetype k = 0; k < order.size(); ++k) {
            if (k > 0)
                out.raw(',');
            writeRevisionJson(out, labels, graph->at(order[k]));
        }
        out.raw(QLatin1String("]}\n"));
        return ExitOk;
    }
    if (verbose) {
        for (int i : order) {
            out.text(logEntry(*graph, graph->at(i)));
            out.raw('\n');
        }
        return ExitOk;
    }
    // The revisions come in history order, not in memory order: their records a few lines
    // ahead and, once those are in the cache, their strings are asked for early.
    constexpr qsizetype kRecordAhead = 16, kStringsAhead = 8;
    for (qsizetype k = 0; k < order.size(); ++k) {
        if (k + kRecordAhead < order.size())
            prefetchRecord(graph->at(order[k + kRecordAhead]));
        if (k + kStringsAhead < order.size())
            prefetchLineStrings(graph->at(order[k + kStringsAhead]));
        writeHistoryLine(out, labels, graph->at(order[k]));
    }
    return ExitOk;
}

// ----------------------------------------------------------------------------------- show

QJsonObject revisionJson(const RevisionGraph& graph, const Revision& r)
{
    return QJsonObject{{QStringLiteral("revision"), r.id},
                       {QStringLiteral("down_revisions"), QJsonArray::fromStringList(r.downRevisions)},
                       {QStringLiteral("branch_labels"), QJsonArray::fromStringList(r.allBranchLabels)},
                       {QStringLiteral("depends_on"), QJsonArray::fromStringList(r.dependsOn)},
                       {QStringLiteral("branches_into"), QJsonArray::fromStringList(r.isBranchPoint ? childIds(graph, r) : QStringList())},
                       {QStringLiteral("message"), r.message},
                       {QStringLiteral("docstring"), r.docstring},
                       {QStringLiteral("create_date"), r.createDate},
                       {QStringLiteral("path"), r.path},
                       {QStringLiteral("is_head"), r.isHead},
                       {QStringLiteral("is_base"), r.isBase},
                       {QStringLiteral("is_branch_point"), r.isBranchPoint},
                       {QStringLiteral("is_merge_point"), r.isMergePoint}};
}

// `alembic show REV`: the log entry of every revision REV names ("heads" names several, "base"
// none); "current" is the database's (--url).
int runShow(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {}, {});
    if (!parsed)
        return context.usage(parsed.error().message);
    if (parsed->positionals().size() != 1)
        return context.usage(QStringLiteral("show needs one revision: show REV"));
    const QString spec = parsed->positionals().first().trimmed();
    const ProjectSnapshot* snapshot = nullptr;
    const Result<const RevisionGraph*> loaded = loadGraph(context, &snapshot);
    if (!loaded)
        return graphFailure(context, loaded.error());
    const RevisionGraph& graph = **loaded;

    QVector<int> revisions;
    if (spec == QLatin1String("current")) {
        if (context.options().url.isEmpty())
            return context.usage(QStringLiteral("show current needs the database: pass --url URL"));
        const Result<QStringList> rows = databaseHeadsFor(context, *snapshot);
        if (!rows)
            return context.fail(rows.error(), rows.error().code == QLatin1String("db-url") ? ExitBadInput : ExitFailed);
        const Result<QVector<int>> resolved = RevisionSpec::resolveList(graph, *rows);
        if (!resolved)
            return context.fail(resolved.error(), ExitFailed);
        revisions = *resolved;
    } else {
        const Result<QVector<int>> resolved = RevisionSpec::resolve(graph, spec);
        if (!resolved)
            return context.fail(resolved.error(), ExitBadInput);
        revisions = *resolved;
    }
    if (context.json()) {
        QJsonArray array;
        for (int i : std::as_const(revisions)) {
            if (i >= 0)
                array.append(revisionJson(graph, graph.at(i)));
        }
        context.printJson(QJsonObject{{QStringLiteral("revisions"), array}});
        return ExitOk;
    }
    QString text;
    for (int i : std::as_const(revisions)) {
        if (i >= 0)
            text += logEntry(graph, graph.at(i)) + QLatin1Char('\n');
    }
    if (!text.isEmpty())
        context.out(text);
    return ExitOk;
}

// ------------------------------------------------------------------------------- branches

// `alembic branches [--verbose]`: every branch point (history order) and what it branches into.
int runBranches(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {}, kVerboseFlag);
    if (!parsed)
        return context.usage(parsed.error().message);
    if (!parsed->positionals().isEmpty())
        return context.usage(QStringLiteral("branches takes no arguments (got '%1')").arg(parsed->positionals().first()));
    const bool verbose = parsed->has(QStringLiteral("--verbose"));
    const Result<const RevisionGraph*> loaded = loadGraph(context);
    if (!loaded)
        return graphFailure(context, loaded.error());
    const RevisionGraph& graph = **loaded;
    QJsonArray points;
    QString text;
    for (int i : graph.historyOrder()) {
        const Revision& r = graph.at(i);
        if (!r.isBranchPoint)
            continue;
        if (context.json()) {
            points.append(QJsonObject{{QStringLiteral("revision"), r.id},
                                      {QStringLiteral("branches_into"), QJsonArray::fromStringList(childIds(graph, r))}});
            continue;
        }
        text += (verbose ? logEntry(graph, r) : headOnly(r, true, false)) + QLatin1Char('\n');
        QStringList children;
        const QString pad(r.id.size(), QLatin1Char(' '));
        for (int c : r.children)
            children << pad + QStringLiteral(" -> ") + headOnly(graph.at(c), true, verbose);
        text += children.join(QLatin1Char('\n')) + QStringLiteral("\n\n");
    }
    if (context.json())
        context.printJson(QJsonObject{{QStringLiteral("branch_points"), points}});
    else if (!text.isEmpty())
        context.out(text);
    return ExitOk;
}

// ----------------------------------------------------------------------------------- plan

QString stepLine(int number, const PlanStep& step, int index, const RevisionGraph& graph)
{
    // Like Alembic's "Running upgrade a, b -> c, message" (two spaces after the verb from base).
    QString line = QStringLiteral("%1. %2 %3 -> %4")
                       .arg(number, 3)
                       .arg(directionName(step.direction), commaJoin(step.fromRevisions), commaJoin(step.toRevisions));
    if (!graph.at(index).message.isEmpty())
        line += QStringLiteral(", ") + graph.at(index).message;
    return line;
}

int runPlan(Context& context, const QStringList& args)
{
    const auto parsed = Args::parse(args, {QStringLiteral("--current")}, {});
    if (!parsed)
        return context.usage(parsed.error().message);
    const QStringList& pos = parsed->positionals();
    if (pos.size() != 2)
        return context.usage(QStringLiteral("plan needs a direction and a target: plan upgrade|downgrade TARGET"));
    Direction direction = Direction::Upgrade;
    if (pos[0] == QLatin1String("upgrade"))
        direction = Direction::Upgrade;
    else if (pos[0] == QLatin1String("downgrade"))
        direction = Direction::Downgrade;
    else
        return context.usage(QStringLiteral("plan direction must be 'upgrade' or 'downgrade' (got '%1')").arg(pos[0]));
    const QString target = pos[1].trimmed();
    if (target.isEmpty())
        return context.usage(QStringLiteral("plan needs a non-empty target revision"));

    // The JSON names each step's revision only; the text shows every step's message.
    const ProjectSnapshot* snapshot = nullptr;
    const Result<const RevisionGraph*> loaded =
        loadGraph(context, &snapshot, context.json() ? CachedText::None : CachedText::Summary);
    if (!loaded)
        return graphFailure(context, loaded.error());
    const RevisionGraph& graph = **loaded;

    QStringList current;
    if (parsed->has(QStringLiteral("--current"))) {
        const QString value = parsed->value(QStringLiteral("--current")).trimmed();
        if (value.isEmpty())
            return context.usage(QStringLiteral("--current needs revision ids (comma-separated) or 'base'"));
        if (value != QLatin1String("base")) {
            for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString id = part.trimmed();
                if (id == QLatin1String("base"))
                    return context.usage(QStringLiteral("--current base cannot be combined with revision ids"));
                if (!id.isEmpty())
                    current << id;
            }
        }
    } else if (!context.options().url.isEmpty()) {
        const Result<QStringList> rows = databaseHeadsFor(context, *snapshot);
        if (!rows)
            return context.fail(rows.error(), rows.error().code == QLatin1String("db-url") ? ExitBadInput : ExitFailed);
        current = *rows;
    }

    QElapsedTimer timer;
    timer.start();
    PlanOptions planOptions;
    // The JSON names each step's revision only (written from graph indexes, no string per step) ...
    planOptions.indexesOnly = context.json();
    // ... and the alembic_version rows after it, as the project's Alembic leaves them.
    planOptions.headsAfterEachStep = context.json();
    Result<Plan> plan = Planner::plan(graph, current, direction, target, planOptions);
    log::info(log::Area::Graph, QStringLiteral("plan: %1 steps in %2 ms")
                                    .arg(plan ? plan->stepRevisions.size() : 0)
                                    .arg(double(timer.nsecsElapsed()) / 1e6, 0, 'f', 1));
    if (!plan) {
        const bool crashed = plan.error().code == QLatin1String("alembic-crash");
        return context.fail(plan.error(), crashed ? ExitFailed : ExitBadInput);
    }
    if (context.json()) {
        // Streamed, in QJsonObject's sorted key order: the bytes of one compact QJsonDocument.
        StdoutWriter out;
        // The Alembic whose rules the plan follows (null: unknown, Retort's default rules).
        const AlembicVersion& alembic = graph.alembicVersion();
        out.raw(QLatin1String("{\"alembic_version\":"));
        if (alembic.isKnown())
            out.jsonString(alembic.toString());
        else
            out.raw(QLatin1String("null"));
        out.raw(QLatin1String(",\"resulting_heads\":"));
        out.jsonStrings(plan->resultingHeads);
        out.raw(QLatin1String(",\"steps\":["));
        const QLatin1String stepStart = direction == Direction::Upgrade
            ? QLatin1String("{\"direction\":\"upgrade\",\"revision\":")
            : QLatin1String("{\"direction\":\"downgrade\",\"revision\":");
        JsonIds ids(graph);
        const QVector<int>& rows = plan->headsAfterRows;
        const QVector<int>& rowsStart = plan->headsAfterStart;
        for (qsizetype k = 0; k < plan->stepRevisions.size(); ++k) {
            if (k > 0)
                out.raw(',');
            out.raw(stepStart);
            ids.write(out, plan->stepRevisions[k]);
            out.raw(QLatin1String(",\"version_after\":["));
            for (int r = rowsStart[k]; r < rowsStart[k + 1]; ++r) {
                if (r > rowsStart[k])
                    out.raw(',');
                ids.write(out, rows[r]);
            }
            out.raw(QLatin1String("]}"));
        }
        out.raw(QLatin1String("]}\n"));
        keepUntilExit(std::move(plan));
        return ExitOk;
    }
    QString text = QStringLiteral("From %1, %2 %3:\n")
                       .arg(plan->currentHeads.isEmpty() ? QStringLiteral("base") : commaJoin(plan->currentHeads),
                            directionName(direction), target);
    if (plan->steps.isEmpty())
        text += QStringLiteral("  nothing to do\n");
    for (int i = 0; i < plan->steps.size(); ++i)
        text += stepLine(i + 1, plan->steps[i], plan->stepRevisions[i], graph) + QLatin1Char('\n');
    text += QStringLiteral("Resulting heads: %1\n")
                .arg(plan->resultingHeads.isEmpty() ? QStringLiteral("(none: base)") : commaJoin(plan->resultingHeads));
    context.out(text);
    return ExitOk;
}

} // namespace

RETORT_CLI_COMMAND_OWNING_VERBOSE("heads", "heads [--verbose]     list the head revisions (alembic heads)", runHeads);
RETORT_CLI_COMMAND_OWNING_VERBOSE("history",
                                  "history [-r START:END] [--verbose]  revisions newest first (alembic history; -v after\n"
                                  "                        the command is Alembic's verbose format, not the global -v)",
                                  runHistory);
RETORT_CLI_COMMAND("show", "show REV              a revision's details as alembic show prints them (REV: id, heads, current with --url)",
                   runShow);
RETORT_CLI_COMMAND_OWNING_VERBOSE("branches", "branches [--verbose]  the branch points and what they branch into (alembic branches)",
                                  runBranches);
RETORT_CLI_COMMAND("plan", "plan upgrade|downgrade TARGET [--current ID[,ID...]|base]  the steps Alembic would run",
                   runPlan);

} // namespace retort::cli

#include "app/connection/ConnectionDialog.h"

#include "core/db/Discovery.h"

#include "ui_ConnectionDialog.h"

#include "core/common/Redact.h"
#include "core/db/Connection.h"
#include "core/db/Discovery.h"
#include "core/log/Log.h"

#include <QBasicTimer>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTimerEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace retort::app {

namespace {

constexpr int kDialectPostgres = 0;
constexpr int kDialectSqlite = 1;

// A small "working" indicator: twelve spokes, the bright one going round.
class Spinner final : public QWidget
{
public:
    explicit Spinner(QWidget* parent)
        : QWidget(parent)
    {
        setFixedSize(20, 20);
        QSizePolicy policy = sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        setSizePolicy(policy);
        hide();
    }
    void start()
    {
        m_timer.start(80, this);
        show();
    }
    void stop()
    {
        m_timer.stop();
        hide();
    }

protected:
    void timerEvent(QTimerEvent* event) override
    {
        if (event->timerId() != m_timer.timerId())
            return QWidget::timerEvent(event);
        m_step = (m_step + 1) % 12;
        update();
    }
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.translate(width() / 2.0, height() / 2.0);
        const qreal radius = qMin(width(), height()) / 2.0;
        QColor color = palette().color(QPalette::Highlight);
        painter.setPen(Qt::NoPen);
        for (int i = 0; i < 12; ++i) {
            const int age = (m_step - i + 12) % 12;
            color.setAlphaF(qMax(0.15, 1.0 - age / 9.0));
            painter.setBrush(color);
            painter.save();
            painter.rotate(i * 30.0);
            painter.drawRoundedRect(QRectF(-1.2, -radius, 2.4, radius * 0.45), 1.2, 1.2);
            painter.restore();
        }
    }

private:
    QBasicTimer m_timer;
    int m_step = 0;
};

QString queryText(const QList<QPair<QString, QString>>& query)
{
    QStringList items;
    for (const auto& [key, value] : query)
        items << key + QLatin1Char('=') + value;
    return items.join(QLatin1Char('&'));
}

QList<QPair<QString, QString>> parseQueryText(const QString& text)
{
    QList<QPair<QString, QString>> query;
    const QStringList items = text.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString key = (eq < 0 ? item : item.left(eq)).trimmed();
        if (!key.isEmpty())
            query.append({ key, eq < 0 ? QString() : item.mid(eq + 1).trimmed() });
    }
    return query;
}

} // namespace


// ---------------------------------------------------------------------------------------------
// ConnectionDialog

struct ConnectionDialog::TestOutcome
{
    bool ok = false;
    QString serverVersion;
    Error error;
};

ConnectionDialog::ConnectionDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConnectionDialog>())
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto* spinnerLayout = new QHBoxLayout(m_ui->spinnerHost);
    spinnerLayout->setContentsMargins(0, 0, 0, 0);
    m_spinner = new Spinner(m_ui->spinnerHost);
    m_spinner->setObjectName(QStringLiteral("connectionTestSpinner"));
    spinnerLayout->addWidget(m_spinner);

    m_ui->dialectCombo->addItem(QStringLiteral("PostgreSQL"), kDialectPostgres);
    m_ui->dialectCombo->addItem(QStringLiteral("SQLite"), kDialectSqlite);
    m_ui->portSpin->setMinimum(-1);
    m_ui->portSpin->setSpecialValueText(tr("default (5432)"));
    m_ui->portSpin->setValue(-1);
    m_ui->urlHintLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->sqliteHintLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->passwordStorageLabel->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_ui->urlHintLabel->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_ui->urlHintLabel->setFont(small);
    m_ui->sqliteHintLabel->setFont(small);
    m_ui->passwordStorageLabel->setFont(small);
    m_ui->cancelTestButton->hide();
    // Three lines for an error and its hint, so the dialog does not jump when one appears.
    m_ui->statusLabel->setMinimumHeight(3 * m_ui->statusLabel->fontMetrics().lineSpacing());
    m_ui->statusLabel->setTextFormat(Qt::RichText);
    // The dialect row and the two field pages are separate forms: give their labels one width.
    const QList<QLabel*> labels { m_ui->dialectLabel, m_ui->hostLabel, m_ui->databaseLabel, m_ui->userLabel,
        m_ui->passwordLabel, m_ui->optionsLabel, m_ui->fileLabel };
    int labelWidth = 0;
    for (const QLabel* label : labels)
        labelWidth = qMax(labelWidth, label->sizeHint().width());
    for (QLabel* label : labels) {
        label->setMinimumWidth(labelWidth);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    fillDriverCombo(false, {});

    connect(m_ui->urlEdit, &QLineEdit::textEdited, this, &ConnectionDialog::onUrlEdited);
    connect(m_ui->urlEdit, &QLineEdit::editingFinished, this, &ConnectionDialog::onUrlEditingFinished);
    for (QLineEdit* edit :
        { m_ui->hostEdit, m_ui->databaseEdit, m_ui->userEdit, m_ui->passwordEdit, m_ui->optionsEdit, m_ui->fileEdit })
        connect(edit, &QLineEdit::textEdited, this, &ConnectionDialog::onFieldsEdited);
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, &ConnectionDialog::onFieldsEdited);
    connect(m_ui->driverCombo, &QComboBox::activated, this, &ConnectionDialog::onFieldsEdited);
    connect(m_ui->dialectCombo, &QComboBox::activated, this, &ConnectionDialog::onDialectChanged);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ConnectionDialog::browseSqliteFile);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_ui->cancelTestButton, &QPushButton::clicked, this, &ConnectionDialog::cancelTest);
    connect(m_ui->useSuggestionButton, &QPushButton::clicked, this,
        [this] { useSuggestion(m_ui->suggestionCombo->currentIndex()); });
    connect(m_ui->profileCombo, &QComboBox::activated, this, &ConnectionDialog::onProfileActivated);
    connect(m_ui->saveProfileButton, &QPushButton::clicked, this, &ConnectionDialog::onSaveProfileClicked);
    connect(m_ui->deleteProfileButton, &QPushButton::clicked, this, &ConnectionDialog::onDeleteProfileClicked);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);

    setProfiles(nullptr);
    reloadSuggestions();
    setStatus(tr("Type or paste a database URL, or fill in the fields."), StatusKind::Neutral);
    updateButtons();
    m_ui->urlEdit->setFocus(Qt::OtherFocusReason); // typing or pasting a URL is the first thing people do
}

ConnectionDialog::~ConnectionDialog()
{
    // A running test keeps going in the thread pool (bounded by the connect timeout); its result
    // is dropped with the watcher, a child of this dialog.
    // QDialog's destructor hides the window, which moves focus out of the URL field: do not let
    // that editingFinished reach this half-destroyed dialog.
    disconnect(m_ui->urlEdit, nullptr, this, nullptr);
}

void ConnectionDialog::setProfiles(ConnectionProfiles* profiles)
{
    if (m_profiles)
        disconnect(m_profiles, nullptr, this, nullptr);
    m_profiles = profiles;
    const bool visible = profiles != nullptr;
    m_ui->profileLabel->setVisible(visible);
    m_ui->profileCombo->setVisible(visible);
    m_ui->saveProfileButton->setVisible(visible);
    m_ui->deleteProfileButton->setVisible(visible);
    if (profiles) {
        connect(profiles, &ConnectionProfiles::passwordReady, this, &ConnectionDialog::onPasswordReady);
        connect(profiles, &ConnectionProfiles::profilesChanged, this, [this] { reloadProfiles(profileName()); });
        connect(
            profiles, &ConnectionProfiles::passwordStoreChanged, this, &ConnectionDialog::updatePasswordStorageLabel);
        reloadProfiles(profiles->lastUsed());
        if (!profiles->lastUsed().isEmpty())
            selectProfile(profiles->lastUsed());
    }
    updatePasswordStorageLabel();
    updateButtons();
}

void ConnectionDialog::setProjectDirectory(const QString& directory)
{
    m_projectDirectory = directory;
    reloadSuggestions();
}

void ConnectionDialog::setSuggestions(const QList<ConnectionSuggestion>& suggestions)
{
    m_callerSuggestions = suggestions;
    reloadSuggestions();
}

void ConnectionDialog::reloadSuggestions()
{
    m_suggestions = m_callerSuggestions;
    if (!m_projectDirectory.isEmpty()) {
        // The project's compose files (the Docker database), .env and alembic.ini: the same
        // candidates as `retort-cli discover` (core Discovery), each with where it came from.
        for (const DatabaseCandidate& c : Discovery::find(m_projectDirectory)) {
            if (c.url.isEmpty())
                continue;
            const bool known = std::any_of(m_suggestions.cbegin(), m_suggestions.cend(),
                                           [&c](const ConnectionSuggestion& s) { return s.url == c.url; });
            if (known)
                continue;
            m_suggestions << ConnectionSuggestion{
                c.isComplete() ? c.source : tr("%1 (missing: %2)").arg(c.source, c.missing.join(QStringLiteral("; "))), c.url};
        }
    }

    m_ui->suggestionCombo->clear();
    for (const ConnectionSuggestion& s : std::as_const(m_suggestions)) {
        const Result<DatabaseUrl> parsed = DatabaseUrl::parse(s.url);
        m_ui->suggestionCombo->addItem(
            s.source + QStringLiteral(" — ") + (parsed.ok() ? parsed->redacted() : redactUrl(s.url)));
    }
    const bool any = !m_suggestions.isEmpty();
    m_ui->suggestionLabel->setVisible(any);
    m_ui->suggestionCombo->setVisible(any);
    m_ui->useSuggestionButton->setVisible(any);
}

void ConnectionDialog::useSuggestion(int index)
{
    if (index < 0 || index >= m_suggestions.size())
        return;
    const ConnectionSuggestion suggestion = m_suggestions[index];
    m_ui->profileCombo->setCurrentIndex(0);
    m_ui->passwordEdit->clear();
    if (!setUrlText(suggestion.url))
        return;
    if (m_ui->passwordEdit->text() == QLatin1String("***")) {
        m_ui->passwordEdit->clear();
        onFieldsEdited();
        m_ui->passwordEdit->setFocus();
        setStatus(
            tr("%1 masks the password: type it in the password field.").arg(suggestion.source), StatusKind::Neutral);
    } else {
        setStatus(tr("Using the URL from %1.").arg(suggestion.source), StatusKind::Neutral);
    }
}

bool ConnectionDialog::setUrlText(const QString& text)
{
    m_ui->urlEdit->setText(text.trimmed());
    onUrlEdited(m_ui->urlEdit->text());
    const bool ok = databaseUrl().ok();
    if (ok)
        onUrlEditingFinished();
    return ok;
}

void ConnectionDialog::setDatabaseUrl(const DatabaseUrl& url)
{
    m_syncing = true;
    fillFields(urlParts(url));
    m_syncing = false;
    onFieldsEdited();
}

Result<DatabaseUrl> ConnectionDialog::databaseUrl() const
{
    const Result<DatabaseUrl> fromUrl = DatabaseUrl::parse(m_ui->urlEdit->text().trimmed());
    if (!fromUrl.ok())
        return fromUrl.error();
    return DatabaseUrl::parse(composeUrl(partsFromFields(), true));
}

QString ConnectionDialog::urlText() const
{
    return m_ui->urlEdit->text();
}

QString ConnectionDialog::statusText() const
{
    return m_statusText;
}

void ConnectionDialog::onUrlEdited(const QString& text)
{
    if (m_syncing)
        return;
    const Result<DatabaseUrl> url = DatabaseUrl::parse(text.trimmed());
    if (!url.ok()) {
        setStatus(text.trimmed().isEmpty() ? tr("Type or paste a database URL, or fill in the fields.")
                                           : redactUrl(url.error().message),
            text.trimmed().isEmpty() ? StatusKind::Neutral : StatusKind::Error);
        updateButtons();
        return;
    }
    m_syncing = true;
    UrlParts parts = urlParts(*url);
    const bool urlHasPassword = !parts.password.isEmpty() || !url->queryValue(QStringLiteral("password")).isEmpty();
    // The URL field normally carries no password: keep the one typed in the password field,
    // unless it came from this URL text a moment ago and the text no longer has it.
    if (!urlHasPassword && !m_passwordFromUrl)
        parts.password = m_ui->passwordEdit->text();
    m_passwordFromUrl = urlHasPassword;
    fillFields(parts);
    m_syncing = false;
    setStatus({}, StatusKind::Neutral);
    updateButtons();
}

void ConnectionDialog::onUrlEditingFinished()
{
    if (m_syncing || !DatabaseUrl::parse(m_ui->urlEdit->text().trimmed()).ok())
        return;
    // Normalise the text and take the password out of it (it lives in the password field).
    m_passwordFromUrl = false;
    const QString clean = composeUrl(partsFromFields(), false);
    if (clean != m_ui->urlEdit->text()) {
        m_syncing = true;
        m_ui->urlEdit->setText(clean);
        m_syncing = false;
    }
}

void ConnectionDialog::onFieldsEdited()
{
    if (m_syncing)
        return;
    m_passwordFromUrl = false;
    m_syncing = true;
    m_ui->urlEdit->setText(composeUrl(partsFromFields(), false));
    m_syncing = false;
    const Result<DatabaseUrl> url = databaseUrl();
    if (url.ok())
        setStatus({}, StatusKind::Neutral);
    else
        setStatus(redactUrl(url.error().message), StatusKind::Error);
    updateButtons();
}

void ConnectionDialog::onDialectChanged()
{
    const bool sqlite = m_ui->dialectCombo->currentData().toInt() == kDialectSqlite;
    m_ui->dialectStack->setCurrentIndex(sqlite ? 1 : 0);
    fillDriverCombo(sqlite, {});
    onFieldsEdited();
}

void ConnectionDialog::fillDriverCombo(bool sqlite, const QString& current)
{
    QStringList drivers = sqlite ? QStringList { QStringLiteral("pysqlite"), QStringLiteral("aiosqlite") }
                                 : QStringList { QStringLiteral("psycopg2"), QStringLiteral("psycopg"),
                                       QStringLiteral("asyncpg"), QStringLiteral("pg8000") };
    if (!current.isEmpty() && !drivers.contains(current))
        drivers << current;
    const QSignalBlocker blocker(m_ui->driverCombo);
    m_ui->driverCombo->clear();
    m_ui->driverCombo->addItem(tr("default (%1)").arg(drivers.first()), QString());
    for (const QString& driver : std::as_const(drivers))
        m_ui->driverCombo->addItem(driver, driver);
    m_ui->driverCombo->setCurrentIndex(qMax(0, m_ui->driverCombo->findData(current)));
}

void ConnectionDialog::fillFields(const UrlParts& parts)
{
    const QSignalBlocker b1(m_ui->portSpin);
    m_ui->dialectCombo->setCurrentIndex(m_ui->dialectCombo->findData(parts.sqlite ? kDialectSqlite : kDialectPostgres));
    m_ui->dialectStack->setCurrentIndex(parts.sqlite ? 1 : 0);
    const qsizetype plus = parts.scheme.indexOf(QLatin1Char('+'));
    fillDriverCombo(parts.sqlite, plus < 0 ? QString() : parts.scheme.mid(plus + 1));

    QList<QPair<QString, QString>> query;
    QString password = parts.password;
    for (const auto& item : std::as_const(parts.query)) {
        if (item.first.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0 && password.isEmpty())
            password = item.second; // ?password=... belongs in the password field too
        else if (item.first.compare(QLatin1String("password"), Qt::CaseInsensitive) != 0)
            query << item;
    }
    m_ui->optionsEdit->setText(queryText(query));
    if (parts.sqlite) {
        m_ui->fileEdit->setText(parts.sqlitePath);
        return;
    }
    m_ui->hostEdit->setText(parts.host);
    m_ui->portSpin->setValue(parts.port);
    m_ui->databaseEdit->setText(parts.database);
    m_ui->userEdit->setText(parts.user);
    m_ui->passwordEdit->setText(password);
}

UrlParts ConnectionDialog::partsFromFields() const
{
    UrlParts parts;
    parts.sqlite = m_ui->dialectCombo->currentData().toInt() == kDialectSqlite;
    const QString driver = m_ui->driverCombo->currentData().toString();
    parts.scheme = QLatin1String(parts.sqlite ? "sqlite" : "postgresql");
    if (!driver.isEmpty())
        parts.scheme += QLatin1Char('+') + driver;
    parts.query = parseQueryText(m_ui->optionsEdit->text());
    if (parts.sqlite) {
        parts.sqlitePath = m_ui->fileEdit->text().trimmed();
        return parts;
    }
    parts.host = m_ui->hostEdit->text().trimmed();
    parts.port = m_ui->portSpin->value();
    parts.database = m_ui->databaseEdit->text().trimmed();
    parts.user = m_ui->userEdit->text().trimmed();
    parts.password = m_ui->passwordEdit->text();
    return parts;
}

void ConnectionDialog::browseSqliteFile()
{
    QString start = m_ui->fileEdit->text();
    if (!start.isEmpty() && QFileInfo(start).isRelative() && !m_projectDirectory.isEmpty())
        start = QDir(m_projectDirectory).filePath(start);
    if (start.isEmpty())
        start = m_projectDirectory;
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose a SQLite Database"), start,
        tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"));
    if (file.isEmpty())
        return;
    QString path = file;
    // Inside the project, keep it relative, the way alembic.ini and env.py usually write it.
    if (!m_projectDirectory.isEmpty()) {
        const QString relative = QDir(m_projectDirectory).relativeFilePath(file);
        if (!relative.startsWith(QLatin1String("..")))
            path = relative;
    }
    m_ui->fileEdit->setText(path);
    onFieldsEdited();
}

void ConnectionDialog::updateButtons()
{
    const bool valid = databaseUrl().ok();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(valid && !m_testing);
    m_ui->testButton->setEnabled(valid && !m_testing);
    m_ui->saveProfileButton->setEnabled(valid && m_profiles);
    m_ui->deleteProfileButton->setEnabled(!profileName().isEmpty());
}

void ConnectionDialog::setStatus(const QString& text, StatusKind kind)
{
    m_statusText = text;
    // First line coloured by kind (green success, red error); further lines (the hint) plain.
    const QStringList lines = text.split(QLatin1Char('\n'));
    QString html;
    if (!text.isEmpty()) {
        const QString color = kind == StatusKind::Success ? QStringLiteral("#26803a")
            : kind == StatusKind::Error                   ? QStringLiteral("#c01c28")
                                                          : QString();
        const QString first = lines.first().toHtmlEscaped();
        html = color.isEmpty() ? first : QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color, first);
        for (qsizetype i = 1; i < lines.size(); ++i)
            html += QStringLiteral("<br>") + lines[i].toHtmlEscaped();
    }
    m_ui->statusLabel->setText(html);
    // Grow the window when a long error with its hint needs more lines than there is room for.
    if (isVisible() && layout()->hasHeightForWidth()) {
        const int needed = layout()->totalHeightForWidth(width());
        if (needed > height())
            resize(width(), needed);
    }
}

// ---------------------------------------------------------------------------------------------
// Test connection

void ConnectionDialog::testConnection()
{
    Result<DatabaseUrl> url = databaseUrl();
    if (!url.ok()) {
        setStatus(redactUrl(url.error().message), StatusKind::Error);
        return;
    }
    DatabaseUrl target = *url;
    // Resolve a relative SQLite file against the project, where Alembic runs.
    if (target.dialect() == Dialect::SQLite && !target.isSqliteMemory() && !m_projectDirectory.isEmpty()
        && QFileInfo(target.sqlitePath()).isRelative()) {
        UrlParts parts = urlParts(target);
        parts.sqlitePath = target.sqlitePathRelativeTo(m_projectDirectory);
        if (Result<DatabaseUrl> resolved = DatabaseUrl::parse(composeUrl(parts, true)); resolved.ok())
            target = *resolved;
    }

    const quint64 id = ++m_testId;
    m_testing = true;
    static_cast<Spinner*>(m_spinner)->start();
    m_ui->cancelTestButton->show();
    setStatus(tr("Connecting to %1…").arg(target.redacted()), StatusKind::Busy);
    updateButtons();
    Q_EMIT testStarted();
    log::info(log::Area::Db, QStringLiteral("Testing connection to %1").arg(target.redacted()));

    const int timeout = m_connectTimeout;
    // The watcher always reports through the event loop, also when the worker is done before
    // it is attached, so testFinished() never fires inside testConnection().
    auto* watcher = new QFutureWatcher<TestOutcome>(this);
    connect(watcher, &QFutureWatcher<TestOutcome>::finished, this, [this, id, watcher] {
        watcher->deleteLater();
        if (id == m_testId)
            finishTest(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([target, timeout]() -> TestOutcome {
        TestOutcome outcome;
        auto connection = ScopedConnection::open(target, timeout);
        if (!connection.ok()) {
            outcome.error = connection.error();
            return outcome;
        }
        outcome.ok = true;
        {
            QSqlQuery query((*connection)->database());
            const QString sql = target.dialect() == Dialect::PostgreSQL ? QStringLiteral("SHOW server_version")
                                                                        : QStringLiteral("SELECT sqlite_version()");
            if (query.exec(sql) && query.next())
                outcome.serverVersion = (target.dialect() == Dialect::PostgreSQL ? QStringLiteral("PostgreSQL ")
                                                                                 : QStringLiteral("SQLite "))
                    + query.value(0).toString();
        }
        return outcome;
    }));
}

void ConnectionDialog::finishTest(const TestOutcome& outcome)
{
    m_testing = false;
    static_cast<Spinner*>(m_spinner)->stop();
    m_ui->cancelTestButton->hide();
    QString message;
    if (outcome.ok) {
        message = outcome.serverVersion.isEmpty() ? tr("Connected.") : tr("Connected: %1.").arg(outcome.serverVersion);
        setStatus(message, StatusKind::Success);
    } else {
        message = redactUrl(outcome.error.message);
        if (!outcome.error.hint.isEmpty())
            message += QLatin1Char('\n') + redactUrl(outcome.error.hint);
        setStatus(message, StatusKind::Error);
        log::warn(log::Area::Db, QStringLiteral("Connection test failed: %1").arg(outcome.error.message));
    }
    updateButtons();
    Q_EMIT testFinished(outcome.ok, message);
}

void ConnectionDialog::cancelTest()
{
    if (!m_testing)
        return;
    ++m_testId; // the running attempt ends on its own (connect timeout); its answer is ignored
    m_testing = false;
    static_cast<Spinner*>(m_spinner)->stop();
    m_ui->cancelTestButton->hide();
    const QString message = tr("Connection test stopped.");
    setStatus(message, StatusKind::Neutral);
    updateButtons();
    Q_EMIT testFinished(false, message);
}

// ---------------------------------------------------------------------------------------------
// Profiles

QString ConnectionDialog::profileName() const
{
    return m_ui->profileCombo->currentData().toString();
}

void ConnectionDialog::reloadProfiles(const QString& select)
{
    const QSignalBlocker blocker(m_ui->profileCombo);
    m_ui->profileCombo->clear();
    m_ui->profileCombo->addItem(tr("New connection"), QString());
    if (m_profiles) {
        const QList<ConnectionProfile> profiles = m_profiles->profiles();
        for (const ConnectionProfile& p : profiles) {
            m_ui->profileCombo->addItem(p.name, p.name);
            m_ui->profileCombo->setItemData(m_ui->profileCombo->count() - 1, redactUrl(p.url), Qt::ToolTipRole);
        }
    }
    m_ui->profileCombo->setCurrentIndex(qMax(0, m_ui->profileCombo->findData(select)));
    updateButtons();
}

void ConnectionDialog::selectProfile(const QString& name)
{
    const int index = m_ui->profileCombo->findData(name);
    if (index < 0)
        return;
    m_ui->profileCombo->setCurrentIndex(index);
    onProfileActivated(index);
}

void ConnectionDialog::onProfileActivated(int index)
{
    const QString name = m_ui->profileCombo->itemData(index).toString();
    updateButtons();
    if (name.isEmpty() || !m_profiles)
        return;
    const auto profile = m_profiles->profile(name);
    if (!profile)
        return;
    m_ui->passwordEdit->clear();
    setUrlText(profile->url);
    if (databaseUrl().ok() && databaseUrl()->dialect() == Dialect::PostgreSQL) {
        m_ui->passwordEdit->setPlaceholderText(tr("looking up the stored password…"));
        m_profiles->requestPassword(name);
    }
}

void ConnectionDialog::onPasswordReady(const QString& name, const QString& password, bool found)
{
    if (name != profileName())
        return;
    m_ui->passwordEdit->setPlaceholderText(found ? QString() : tr("not stored: type it for this session"));
    if (found && m_ui->passwordEdit->text().isEmpty()) {
        m_ui->passwordEdit->setText(password);
        onFieldsEdited();
    }
}

Status ConnectionDialog::saveProfile(const QString& name)
{
    if (!m_profiles)
        return Error { QStringLiteral("profile-none"), tr("There is no project to save the profile in."), {}, {}, 0 };
    const Result<DatabaseUrl> url = databaseUrl();
    if (!url.ok())
        return url.error();
    const Status saved = m_profiles->save(name, *url);
    if (!saved.ok()) {
        setStatus(saved.error().message, StatusKind::Error);
        return saved;
    }
    reloadProfiles(name.trimmed());
    m_profiles->setLastUsed(name.trimmed());
    if (url->password().isEmpty()) {
        setStatus(tr("Saved \"%1\".").arg(name.trimmed()), StatusKind::Neutral);
        return saved;
    }
    // Where the password ends up is known only when the keychain answers: say it then, in the
    // same words as the note under the password field.
    setStatus(tr("Saved \"%1\"; storing its password…").arg(name.trimmed()), StatusKind::Neutral);
    const QString saveName = name.trimmed();
    auto* once = new QObject(this);
    connect(m_profiles, &ConnectionProfiles::passwordStored, once,
            [this, once, saveName](const QString& stored, ConnectionProfiles::PasswordStore where) {
                if (stored != saveName)
                    return;
                once->deleteLater();
                setStatus(where == ConnectionProfiles::PasswordStore::Keychain
                              ? tr("Saved \"%1\"; its password is in the system keychain.").arg(saveName)
                              : tr("Saved \"%1\". No system keychain: the password is remembered until Retort quits.").arg(saveName),
                          StatusKind::Neutral);
                updatePasswordStorageLabel();
            });
    return saved;
}

void ConnectionDialog::onSaveProfileClicked()
{
    QString suggestion = profileName();
    if (suggestion.isEmpty()) {
        const Result<DatabaseUrl> url = databaseUrl();
        suggestion = url.ok() && url->isLocal() ? tr("local") : m_ui->databaseEdit->text();
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Connection Profile"),
        tr("Profile name (the password is not written to the settings):"), QLineEdit::Normal, suggestion, &ok);
    if (ok && !name.trimmed().isEmpty())
        saveProfile(name);
}

void ConnectionDialog::onDeleteProfileClicked()
{
    const QString name = profileName();
    if (name.isEmpty() || !m_profiles)
        return;
    if (QMessageBox::question(
            this, tr("Delete Connection Profile"), tr("Delete the profile \"%1\" and its stored password?").arg(name))
        != QMessageBox::Yes)
        return;
    m_profiles->remove(name);
    reloadProfiles({});
}

void ConnectionDialog::updatePasswordStorageLabel()
{
    if (!m_profiles) {
        m_ui->passwordStorageLabel->hide();
        return;
    }
    m_ui->passwordStorageLabel->show();
    switch (m_profiles->passwordStore()) {
    case ConnectionProfiles::PasswordStore::SessionOnly:
        m_ui->passwordStorageLabel->setText(tr("No system keychain: the password is remembered until Retort quits."));
        break;
    case ConnectionProfiles::PasswordStore::Keychain:
        m_ui->passwordStorageLabel->setText(tr("Saved profiles keep the password in the system keychain."));
        break;
    case ConnectionProfiles::PasswordStore::Unknown:
        m_ui->passwordStorageLabel->setText(
            tr("Saved profiles keep the password in the system keychain when there is one."));
        break;
    }
}

void ConnectionDialog::accept()
{
    const Result<DatabaseUrl> url = databaseUrl();
    if (!url.ok()) {
        setStatus(redactUrl(url.error().message), StatusKind::Error);
        return;
    }
    cancelTest();
    if (m_profiles) {
        const QString name = profileName();
        m_profiles->setLastUsed(name);
        const auto profile = name.isEmpty() ? std::nullopt : m_profiles->profile(name);
        if (profile && profile->url == urlWithoutPassword(*url) && !url->password().isEmpty()
            && m_profiles->sessionPassword(name) != url->password())
            m_profiles->storePassword(name, url->password());
    }
    QDialog::accept();
}

} // namespace retort::app

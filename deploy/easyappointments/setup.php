<?php
/*
 * Setup of Easy!Appointments for the compose stack (docker-compose.yml, service easyappointments-init).
 * Runs with PHP in the official Easy!Appointments image before the web container starts, on every
 * `docker compose up`, and changes nothing twice:
 *
 * - writes config.php from the variables the image's own entrypoint reads (BASE_URL, DB_*);
 * - a database without Easy!Appointments' tables gets EA's console installer
 *   (`php index.php console install`): admin "administrator" (user 1), provider Jane Doe (user 2),
 *   customer James Doe (user 3) and service "Service" (id 1, 30 minutes), offered by provider 2
 *   Monday to Sunday 09:00-18:00 with a 14:30-15:00 break; then the users' and the default time zone
 *   become EASYAPPOINTMENTS_TIMEZONE and the business name APP_NAME;
 * - a database at an older schema version than this image gets `php index.php console migrate`;
 * - the admin gets EASYAPPOINTMENTS_ADMIN_PASSWORD, or, while it still has the installer's password,
 *   a generated one, printed once;
 * - the api_token setting that Bearer authentication checks becomes EASYAPPOINTMENTS_API_TOKEN, else
 *   stays the token already set, else a new random one, and is written to API_TOKEN_FILE for the
 *   backend. It is never printed.
 */

const EA_ROOT_DEFAULT = '/var/www/html';
const ADMIN_USERNAME = 'administrator';
const PROVIDER_ID = 2;
const SERVICE_ID = 1;

function env(string $name, string $default = ''): string
{
    $value = getenv($name);
    return $value === false || trim($value) === '' ? $default : trim($value);
}

function say(string $line): void
{
    fwrite(STDOUT, 'easyappointments-init: ' . $line . PHP_EOL);
}

function fail(string $line): never
{
    fwrite(STDERR, 'easyappointments-init: ' . $line . PHP_EOL);
    exit(1);
}

/** config.php from config-sample.php, as the image's docker-entrypoint.sh writes it for the web container. */
function write_config(string $root): void
{
    $sample = file_get_contents($root . '/config-sample.php');
    if ($sample === false) {
        fail("no config-sample.php in $root: is this the Easy!Appointments image?");
    }
    $values = [
        'BASE_URL' => env('BASE_URL', 'http://localhost'),
        'DB_HOST' => env('DB_HOST', 'mysql'),
        'DB_NAME' => env('DB_NAME', 'easyappointments'),
        'DB_USERNAME' => env('DB_USERNAME', 'easyappointments'),
        'DB_PASSWORD' => env('DB_PASSWORD'),
    ];
    foreach ($values as $name => $value) {
        $sample = preg_replace(
            "/const $name = '[^']*';/",
            "const $name = " . var_export($value, true) . ';',
            $sample,
            1,
            $count,
        );
        if ($count !== 1) {
            fail("config-sample.php has no $name constant to set");
        }
    }
    if (file_put_contents($root . '/config.php', $sample) === false) {
        fail("could not write $root/config.php");
    }
}

function connect(): PDO
{
    $dsn = sprintf('mysql:host=%s;dbname=%s;charset=utf8mb4', env('DB_HOST', 'mysql'), env('DB_NAME', 'easyappointments'));
    for ($attempt = 1; ; $attempt++) {
        try {
            return new PDO($dsn, env('DB_USERNAME', 'easyappointments'), env('DB_PASSWORD'), [
                PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            ]);
        } catch (PDOException $e) {
            if ($attempt >= 30) {
                fail('cannot connect to the database: ' . $e->getMessage());
            }
            sleep(2);
        }
    }
}

/** One of Easy!Appointments' console commands; its own output is shown only when it fails. */
function console(string $root, string $command): void
{
    exec('cd ' . escapeshellarg($root) . ' && php index.php console ' . $command . ' 2>&1', $output, $status);
    if ($status !== 0) {
        fail("`php index.php console $command` failed with status $status:" . PHP_EOL . implode(PHP_EOL, $output));
    }
}

/** The schema version this image's code expects: the highest numbered file in application/migrations. */
function latest_migration(string $root): int
{
    $versions = array_map(fn(string $file) => (int) basename($file), glob($root . '/application/migrations/[0-9]*_*.php'));
    return $versions === [] ? 0 : max($versions);
}

function installed(PDO $db): bool
{
    return $db->query("SHOW TABLES LIKE 'ea\\_users'")->fetchColumn() !== false;
}

function setting(PDO $db, string $name): ?string
{
    $select = $db->prepare('SELECT value FROM ea_settings WHERE name = ?');
    $select->execute([$name]);
    $value = $select->fetchColumn();
    return $value === false ? null : (string) $value;
}

function set_setting(PDO $db, string $name, string $value): void
{
    $now = date('Y-m-d H:i:s');
    if (setting($db, $name) === null) {
        $db->prepare('INSERT INTO ea_settings (create_datetime, update_datetime, name, value) VALUES (?, ?, ?, ?)')
            ->execute([$now, $now, $name, $value]);
    } else {
        $db->prepare('UPDATE ea_settings SET value = ?, update_datetime = ? WHERE name = ?')->execute([$value, $now, $name]);
    }
}

/** Easy!Appointments' own scheme (application/helpers/password_helper.php): salted SHA-256, 100 000 rounds. */
function hash_password(string $salt, string $password): string
{
    $half = (int) (strlen($salt) / 2);
    $hash = hash('sha256', substr($salt, 0, $half) . $password . substr($salt, $half));
    for ($i = 0; $i < 100000; $i++) {
        $hash = hash('sha256', $hash);
    }
    return $hash;
}

/** Whether the admin still has the password EA's seed gives it ("administrator"). */
function admin_has_seed_password(PDO $db): bool
{
    $select = $db->prepare('SELECT salt, password FROM ea_user_settings WHERE username = ?');
    $select->execute([ADMIN_USERNAME]);
    $admin = $select->fetch(PDO::FETCH_ASSOC);
    return $admin !== false && hash_equals((string) $admin['password'], hash_password((string) $admin['salt'], ADMIN_USERNAME));
}

function set_admin_password(PDO $db, string $password): void
{
    if (strlen($password) > 100) {
        fail('EASYAPPOINTMENTS_ADMIN_PASSWORD is longer than the 100 characters Easy!Appointments accepts');
    }
    $salt = hash('sha256', bin2hex(random_bytes(32)));
    $update = $db->prepare('UPDATE ea_user_settings SET salt = ?, password = ? WHERE username = ?');
    $update->execute([$salt, hash_password($salt, $password), ADMIN_USERNAME]);
    if ($update->rowCount() !== 1) {
        fail('no admin user "' . ADMIN_USERNAME . '" to set the password of');
    }
}

$root = rtrim(env('EASYAPPOINTMENTS_ROOT', EA_ROOT_DEFAULT), '/');
$tokenFile = env('API_TOKEN_FILE');
if ($tokenFile === '') {
    fail('API_TOKEN_FILE is not set: where should the backend find the API token?');
}
$timezone = env('EASYAPPOINTMENTS_TIMEZONE', 'UTC');
if (!in_array($timezone, DateTimeZone::listIdentifiers(), true)) {
    fail("EASYAPPOINTMENTS_TIMEZONE \"$timezone\" is not a time zone such as Europe/London");
}

write_config($root);
$db = connect();

if (!installed($db)) {
    say('empty database: installing Easy!Appointments with its console installer');
    console($root, 'install');
    if (!installed($db)) {
        fail('the console installer finished but the Easy!Appointments tables are still missing');
    }
    // Free times are listed in the provider's zone; the backend judges "today" and "past" in EASYAPPOINTMENTS_TIMEZONE.
    $db->prepare('UPDATE ea_users SET timezone = ?')->execute([$timezone]);
    set_setting($db, 'default_timezone', $timezone);
    set_setting($db, 'company_name', env('APP_NAME', 'Vapi Receptionist'));
    say(sprintf(
        'installed: provider %d (Jane Doe) offers service %d ("Service", 30 minutes) every day 09:00-18:00'
            . ' with a break at 14:30-15:00, time zone %s',
        PROVIDER_ID,
        SERVICE_ID,
        $timezone,
    ));
} else {
    $current = (int) $db->query('SELECT version FROM ea_migrations')->fetchColumn();
    $latest = latest_migration($root);
    if ($current > $latest) {
        fail("the database is at schema version $current, newer than this image's $latest: use the newer image");
    }
    if ($current < $latest) {
        say("upgrading the database from schema version $current to $latest");
        console($root, 'migrate');
    } else {
        say("Easy!Appointments is installed (schema version $current)");
    }
}

$password = env('EASYAPPOINTMENTS_ADMIN_PASSWORD');
if ($password !== '') {
    set_admin_password($db, $password);
    say('admin login: ' . ADMIN_USERNAME . ' with the EASYAPPOINTMENTS_ADMIN_PASSWORD you set');
} elseif (admin_has_seed_password($db)) {
    $password = bin2hex(random_bytes(12));
    set_admin_password($db, $password);
    say('admin login: ' . ADMIN_USERNAME . ' / ' . $password . ' (generated: note it now, it is not shown again;'
        . ' or set EASYAPPOINTMENTS_ADMIN_PASSWORD)');
}

$token = env('EASYAPPOINTMENTS_API_TOKEN', setting($db, 'api_token') ?? '');
if ($token === '') {
    $token = bin2hex(random_bytes(32));
    say('generated an API token (kept in the database and in the token file, not printed)');
}
if (!preg_match('/^[\x21-\x7e]+$/', $token)) {
    fail('EASYAPPOINTMENTS_API_TOKEN must be printable ASCII without spaces (Easy!Appointments reads "Bearer <token>")');
}
set_setting($db, 'api_token', $token);

$temporary = $tokenFile . '.tmp';
if (file_put_contents($temporary, $token) === false || !chmod($temporary, 0444) || !rename($temporary, $tokenFile)) {
    fail("could not write the API token to $tokenFile");
}
say("API token set in Easy!Appointments and written to $tokenFile for the backend");

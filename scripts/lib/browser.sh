# Sourced by scripts/test.sh after postgres.sh (it reuses ensure_apt_packages): installs what
# the browser, accessibility, HTML-validation and mail tests run, and exports where it is:
#   SHIPWISE_CHROMIUM  Debian's Chromium (Playwright's own browser download cannot work here)
#   SHIPWISE_VNU_JAR   the W3C Nu HTML checker (needs a Java runtime)
#   SHIPWISE_AXE_JS    axe-core, injected into pages by the accessibility tests
#   SHIPWISE_TEST_TOOLS the npm tools folder (maildev for the mail tests is under node_modules/.bin)
# Idempotent: Debian packages only when missing, `npm ci` only when the lockfile changed.
ensure_test_tools() {
  local tools="$root/tests/tools" missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
      mkdir -p /usr/share/man/man1 # slim Debian images lack it, and the JRE's install then fails
      ensure_apt_packages "${missing[@]}"
    elif [ "${CI:-}" = true ]; then
      echo "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again." >&2
      exit 2
    else
      echo "Missing Debian packages: ${missing[*]}; the tests that need them will be skipped (sudo apt-get install ${missing[*]})." >&2
    fi
  fi

  if command -v npm >/dev/null 2>&1; then
    # The lockfile's hash, kept beside node_modules, says whether the install is current.
    local stamp="$tools/node_modules/.shipwise-lock.sha256" want
    want=$(sha256sum "$tools/package-lock.json" | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
      echo "installing test tools (npm ci in tests/tools)"
      # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's is used.
      (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
      echo "$want" >"$stamp"
    fi
  fi

  [ -x /usr/bin/chromium ] && export SHIPWISE_CHROMIUM=/usr/bin/chromium
  [ -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ] && command -v java >/dev/null 2>&1 &&
    export SHIPWISE_VNU_JAR="$tools/node_modules/vnu-jar/build/dist/vnu.jar"
  [ -f "$tools/node_modules/axe-core/axe.min.js" ] && export SHIPWISE_AXE_JS="$tools/node_modules/axe-core/axe.min.js"
  [ -d "$tools/node_modules" ] && export SHIPWISE_TEST_TOOLS="$tools"
  local absent=()
  [ -n "${SHIPWISE_CHROMIUM:-}" ] || absent+=(Chromium)
  [ -n "${SHIPWISE_VNU_JAR:-}" ] || absent+=("Nu HTML checker")
  [ -n "${SHIPWISE_AXE_JS:-}" ] || absent+=(axe-core)
  if ((${#absent[@]})); then echo "not available: ${absent[*]}"; else echo "Chromium, Java, Nu HTML checker, axe-core and maildev ready"; fi
}

# Sourced by scripts/test.sh after postgres.sh (it reuses ensure_apt_packages): installs Debian's
# nginx if missing and exports SHIPWISE_NGINX. The reverse-proxy tests start their own throwaway
# nginx (own configuration in a temp folder, loopback ports); the package's system service is not
# used (where systemd runs, installing the package also starts it on port 80).
ensure_nginx() {
  [ -x /usr/sbin/nginx ] || ensure_apt_packages nginx
  export SHIPWISE_NGINX=/usr/sbin/nginx
  echo "nginx ready ($("$SHIPWISE_NGINX" -v 2>&1))"
}

#!/usr/bin/env bash
# A real mail server on loopback for the tests: Postfix (relay on 127.0.0.1:2525, no outside delivery)
# and Dovecot (IMAP on 127.0.0.1:1143) with two mailboxes, bounces@mail.test and inbox@mail.test.
# Mail to any address at good.test lands in the inbox; mail to bad.test is accepted, then bounced with
# a DSN (status 5.1.1) to the envelope sender, as a real server does; anything else is refused.
# usage: scripts/mail-server.sh start <state-dir> | stop <state-dir>   (idempotent; needs root)
set -euo pipefail
action=${1:?usage: mail-server.sh start|stop <state-dir>}
dir=${2:?state directory}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ "$action" = stop ]; then
  as_root postfix stop >/dev/null 2>&1 || true
  if [ -f "$dir/dovecot.conf" ]; then as_root doveadm -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true; fi
  exit 0
fi

if ! command -v postfix >/dev/null || ! command -v dovecot >/dev/null || ! /usr/bin/python3 -c 'import dkim' 2>/dev/null; then
  echo "Installing postfix, dovecot-imapd and python3-dkim..."
  printf 'postfix postfix/main_mailer_type select Local only\npostfix postfix/mailname string liftoff.test\n' | as_root debconf-set-selections
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix dovecot-imapd python3-dkim >/dev/null
fi

mkdir -p "$dir"
chmod 755 "$dir" # the dovecot and postfix users read the password file and configuration in it
getent group vmail >/dev/null || as_root groupadd -g 5000 vmail
getent passwd vmail >/dev/null || as_root useradd -u 5000 -g 5000 -d /var/mail/vhosts -s /usr/sbin/nologin vmail
as_root mkdir -p /var/mail/vhosts/mail.test
as_root chown -R vmail:vmail /var/mail/vhosts

as_root postfix stop >/dev/null 2>&1 || true
as_root postconf -e 'inet_interfaces = loopback-only' 'inet_protocols = ipv4' 'mydestination = localhost' \
  'mynetworks = 127.0.0.0/8' 'virtual_mailbox_domains = mail.test' 'virtual_mailbox_base = /var/mail/vhosts' \
  'virtual_mailbox_maps = hash:/etc/postfix/vmailbox' 'virtual_uid_maps = static:5000' 'virtual_gid_maps = static:5000' \
  'recipient_delimiter = +' 'virtual_alias_maps = regexp:/etc/postfix/virtual_regexp' \
  'transport_maps = hash:/etc/postfix/transport' 'default_transport = error:5.1.2 outside delivery is disabled' \
  "maillog_file_prefixes = /var, /dev/stdout, /tmp" "maillog_file = $dir/postfix.log" 'smtpd_recipient_restrictions = permit_mynetworks, reject' \
  'message_size_limit = 20480000' 'default_destination_concurrency_limit = 50' 'virtual_destination_concurrency_limit = 50'
printf 'bounces@mail.test mail.test/bounces/\ninbox@mail.test mail.test/inbox/\n' | as_root tee /etc/postfix/vmailbox >/dev/null
printf '/@good\\.test$/ inbox@mail.test\n' | as_root tee /etc/postfix/virtual_regexp >/dev/null
printf 'bad.test nouser:\n' | as_root tee /etc/postfix/transport >/dev/null
as_root postmap /etc/postfix/vmailbox
as_root postmap /etc/postfix/transport
if ! grep -q '^nouser ' /etc/postfix/master.cf; then
  printf 'nouser    unix  -       n       n       -       -       pipe\n  flags= user=nobody argv=/bin/sh -c {exit 67}\n' | as_root tee -a /etc/postfix/master.cf >/dev/null
fi
if ! grep -q '^127.0.0.1:2525 ' /etc/postfix/master.cf; then
  printf '127.0.0.1:2525 inet  n       -       n       -       -       smtpd\n' | as_root tee -a /etc/postfix/master.cf >/dev/null
fi
as_root postfix check
as_root postfix start >/dev/null

cat >"$dir/users" <<USERS
bounces@mail.test:{PLAIN}secret
inbox@mail.test:{PLAIN}secret
USERS
cat >"$dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:/var/mail/vhosts/%d/%n
mail_uid = vmail
mail_gid = vmail
first_valid_uid = 5000
log_path = $dir/dovecot.log
passdb {
  driver = passwd-file
  args = scheme=PLAIN $dir/users
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=/var/mail/vhosts/%d/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 1143
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
as_root doveadm -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true
as_root dovecot -c "$dir/dovecot.conf"
for _ in $(seq 1 50); do
  (echo > /dev/tcp/127.0.0.1/1143) 2>/dev/null && (echo > /dev/tcp/127.0.0.1/2525) 2>/dev/null && exit 0
  sleep 0.2
done
echo "Postfix or Dovecot did not start; see $dir/postfix.log and $dir/dovecot.log"
exit 1

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Helper accounts: CAVAC workers, teachers and trusted people who help a person apply.

    The person never needs an account. Helpers sign in with a password and a one-time code,
    and see an application only when the person shared it with them (or their organisation).
    """

    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Helper accounts"

    def ready(self):
        from portal.accounts.gate import AccountsGate
        from requests.access import register_helper_gate

        register_helper_gate(AccountsGate())

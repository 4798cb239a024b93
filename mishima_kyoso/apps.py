from django.apps import AppConfig


class MishimaKyosoConfig(AppConfig):
    """The project itself: wires the apps together, and holds the deployment's system checks."""

    name = "mishima_kyoso"

    def ready(self):
        from django_q.signals import post_execute, post_execute_in_worker, pre_execute

        from . import checks  # noqa: F401 (registers the checks)
        from . import logging as kyoso_logging
        from .library_strings import use_portal_wording

        use_portal_wording()  # 「選択してください。」 rather than 「このフィールドは必須です。」

        # Lines logged inside a job carry its id (mishima_kyoso.logging).
        pre_execute.connect(kyoso_logging.enter_job, dispatch_uid="kyoso-log-enter-job")
        post_execute_in_worker.connect(kyoso_logging.leave_job, dispatch_uid="kyoso-log-leave-job")
        post_execute.connect(kyoso_logging.log_job_result, dispatch_uid="kyoso-log-job-result")

-- With no email provider configured (EMAIL_PROVIDER=log) nothing is sent:
-- the invitation's delivery state says so instead of "sent".
ALTER TYPE "DeliveryStatus" ADD VALUE 'not_sent';

import type { Metadata } from 'next';
import { RegisterForm } from '@/components/register/register-form';

export const metadata: Metadata = { title: 'Register a document' };

export default function RegisterPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Register a document</h1>
          <p className="page-header__sub">Add an AsyncAPI document to the catalogue, or a new version of one already there.</p>
        </div>
      </div>
      <RegisterForm />
    </>
  );
}
